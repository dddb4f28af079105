//go:build tools

// Package tools pins the Pulumi YAML language host (a separate, tagged module)
// so scripts/ensure-language-host.sh can build it from the module proxy.
// Sharing the CLI's pulumi v3.259 modules was tried: pulumi-yaml v1.25.0 does
// not compile against pkg/v3 v3.259.0 (plugin.NewContextWithRoot and
// schema.NewPluginLoader changed), so it keeps its own pkg/v3 v3.206.0.
package tools

import (
	_ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
)
