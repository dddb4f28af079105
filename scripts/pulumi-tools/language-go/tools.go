//go:build tools

// Package tools pins the Go language host. Its own module
// (github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3) is not served by the
// module proxy reachable here, neither at a release tag nor at a release commit,
// so this falls back to the last release that shipped the host inside the sdk/v3
// module: v3.66.0 (v3.67.0 no longer has sdk/v3/go/pulumi-language-go).
package tools

import (
	_ "github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go"
)
