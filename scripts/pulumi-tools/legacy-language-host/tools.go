//go:build tools

// Package tools pins the Node.js language host. The host's own module
// (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) is not
// served by the module proxy reachable here, so this falls back to the last
// release that shipped the host inside the sdk/v3 module (v3.68.0). Its gRPC
// protocol is still what the CLI speaks for `up`, `preview`, `refresh` and `destroy`.
package tools

import (
	_ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
)
