//go:build tools

// Package tools pins the Pulumi CLI so `go build` can compile it from the
// module proxy. A wrapper module is needed because the upstream go.mod
// carries replace directives that make `go install pkg@version` refuse it.
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
