// Command dotnet-sdk-gen writes the .NET SDK for a Pulumi package schema.
//
// It is sdk-gen's twin for .NET, in a module of its own because the .NET
// generator left pkg/v3 (now in the pulumi-dotnet repository, whose modules
// the module proxy here does not serve): v3.206.0 is a release that still has
// pkg/v3/codegen/dotnet, and the one the YAML language host is built with, so
// the two share their module downloads.
//
// Usage: dotnet-sdk-gen -schema schema.json -out sdk/dotnet
package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"

	"github.com/blang/semver"
	dotnetgen "github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
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
	schemaPath := flag.String("schema", "schema.json", "the package schema")
	out := flag.String("out", "", "the directory to write (emptied first)")
	flag.Parse()
	if *out == "" {
		fail("-out is required (e.g. -out sdk/dotnet)")
	}
	if err := generate(*schemaPath, *out); err != nil {
		fail(err.Error())
	}
}

func generate(schemaPath, out string) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s is not a package schema: %w", schemaPath, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noOtherPackages{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return fmt.Errorf("%s does not bind: %s", schemaPath, diags.Error())
	}
	files, err := dotnetgen.GeneratePackage("pulumi-language-dotnet", pkg, nil, nil)
	if err != nil {
		return fmt.Errorf("generating the .NET SDK: %w", err)
	}
	return writeClean(out, files)
}

// noOtherPackages is the schema loader: the tencentchat schema refers to no
// other package, so any request for one is a mistake in the schema.
type noOtherPackages struct{}

func (noOtherPackages) refuse(name string) error {
	return fmt.Errorf("the schema refers to package %q; tencentchat's schema must be self-contained", name)
}

func (l noOtherPackages) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, l.refuse(name)
}

func (l noOtherPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, l.refuse(d.Name)
}

func (l noOtherPackages) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, l.refuse(name)
}

func (l noOtherPackages) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, l.refuse(d.Name)
}

// writeClean empties dir and writes files into it, so a field removed from
// the schema leaves no file behind.
func writeClean(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "[dotnet-sdk-gen] wrote %d files into %s\n", len(names), dir)
	return nil
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "[dotnet-sdk-gen] "+message)
	os.Exit(1)
}
