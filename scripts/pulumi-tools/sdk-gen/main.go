// Command sdk-gen writes the Python, Go or Node.js SDK for a Pulumi package
// schema with the code generators of the pinned Pulumi release (pkg/v3, the
// same module the CLI is built from); dotnet-sdk-gen is the same command for
// .NET (package sdkgen says why it is a second binary).
//
// Why not `pulumi package gen-sdk`: since the generators moved into the
// language hosts, the CLI asks the language host over gRPC (GeneratePackage),
// and the hosts that can be built here come from sdk/v3 v3.66-v3.68, which
// predate that call ("method GeneratePackage not implemented"). This does what
// the current hosts do in GeneratePackage: bind the schema, run the generator,
// write the files into a clean directory.
//
// Usage: sdk-gen -schema schema.json -language python|go|nodejs -out sdk/python
package main

import (
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	nodejsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	pythongen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"

	"pulumi-tencent-chat/pulumi-tools/sdkgen"
)

func main() {
	sdkgen.Main("sdk-gen", map[string]sdkgen.Generator{
		"python": func(pkg *schema.Package, loader schema.ReferenceLoader) (map[string][]byte, error) {
			return pythongen.GeneratePackage("pulumi-language-python", pkg, nil, loader)
		},
		"go": func(pkg *schema.Package, _ schema.ReferenceLoader) (map[string][]byte, error) {
			return gogen.GeneratePackage("pulumi-language-go", pkg, nil)
		},
		"nodejs": func(pkg *schema.Package, loader schema.ReferenceLoader) (map[string][]byte, error) {
			return nodejsgen.GeneratePackage("pulumi-language-nodejs", pkg, nil, nil, false, loader)
		},
	})
}
