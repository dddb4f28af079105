// Command sdk-gen writes one language's SDK for a Pulumi package schema with
// the code generators of the pinned Pulumi release (pkg/v3, the same module the
// CLI is built from).
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
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	nodejsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	pythongen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func main() {
	schemaPath := flag.String("schema", "schema.json", "the package schema")
	language := flag.String("language", "", "python, go or nodejs")
	out := flag.String("out", "", "the directory to write (emptied first)")
	flag.Parse()
	if *language == "" || *out == "" {
		fail("both -language and -out are required (e.g. -language python -out sdk/python)")
	}
	if err := generate(*schemaPath, *language, *out); err != nil {
		fail(err.Error())
	}
}

func generate(schemaPath, language, out string) error {
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

	loader := noOtherPackages{}
	var files map[string][]byte
	switch language {
	case "python":
		files, err = pythongen.GeneratePackage("pulumi-language-python", pkg, nil, loader)
	case "go":
		files, err = gogen.GeneratePackage("pulumi-language-go", pkg, nil)
	case "nodejs":
		files, err = nodejsgen.GeneratePackage("pulumi-language-nodejs", pkg, nil, nil, false, loader)
	default:
		return fmt.Errorf("-language %q is not one of python, go, nodejs (.NET has its own generator)", language)
	}
	if err != nil {
		return fmt.Errorf("generating the %s SDK: %w", language, err)
	}
	return writeClean(out, files)
}

// noOtherPackages is the schema loader: the tencentchat schema refers to no
// other package, so any request for one is a mistake in the schema, reported
// instead of starting plugins to find it.
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
	fmt.Fprintf(os.Stderr, "[sdk-gen] wrote %d files into %s\n", len(names), dir)
	return nil
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "[sdk-gen] "+message)
	os.Exit(1)
}
