// Command dotnet-sdk-gen writes the .NET SDK for a Pulumi package schema:
// sdk-gen with the .NET generator, in a module of its own on pkg/v3 v3.206.0,
// a release that still has pkg/v3/codegen/dotnet and the one the YAML language
// host is built with, so the two share their module downloads (package sdkgen
// says why the .NET generator cannot join sdk-gen's module).
//
// Usage: dotnet-sdk-gen -schema schema.json -language dotnet -out sdk/dotnet
package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"net/http"
	"os"

	dotnetgen "github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"

	"pulumi-tencent-chat/pulumi-tools/sdkgen"
)

// logo is the package icon. The generator fetches the schema's logoUrl (or a
// default on the internet) over HTTP to put it beside the .csproj; this
// answers every such request with this file, so generation works offline and
// gives the same bytes every time.
//
//go:embed logo.png
var logo []byte

type logoOnly struct{}

func (logoOnly) RoundTrip(req *http.Request) (*http.Response, error) {
	fmt.Fprintf(os.Stderr, "[dotnet-sdk-gen] using the bundled logo.png instead of fetching a logo from the network\n")
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": []string{"image/png"}}, Request: req,
		Body: io.NopCloser(bytes.NewReader(logo)), ContentLength: int64(len(logo)),
	}, nil
}

func main() {
	http.DefaultClient.Transport = logoOnly{}
	sdkgen.Main("dotnet-sdk-gen", map[string]sdkgen.Generator{
		"dotnet": func(pkg *schema.Package, _ schema.ReferenceLoader) (map[string][]byte, error) {
			return dotnetgen.GeneratePackage("pulumi-language-dotnet", pkg, nil, nil)
		},
	})
}
