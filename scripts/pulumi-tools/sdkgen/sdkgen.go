// Package sdkgen is what the two SDK generator commands share: the flags,
// reading and binding the schema, and writing one language's files into a
// clean folder. A command only names its languages and their generators.
//
// Why two commands and not one: a Go module builds with one version of
// pkg/v3. Python and Go must come from the pinned CLI's release (v3.259.0, the
// scripts/pulumi-tools module, which also builds the CLI), and that release no
// longer has the .NET generator (it moved to the pulumi-dotnet repository,
// whose modules the module proxy here does not serve). v3.206.0 still has it,
// but its Python and Go output differs from v3.259.0's (in v3.206.0's Python,
// the config module even imports _utilities from the wrong package). So .NET
// is built from a module of its own (dotnet-sdk-gen), and this package sits in
// a third, small module that both import, requiring no pkg/v3 newer than the
// .NET module's.
package sdkgen

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// Generator returns one language's SDK files, by path, for a bound schema.
type Generator func(pkg *schema.Package, loader schema.ReferenceLoader) (map[string][]byte, error)

// Main is a command's whole run: it reads -schema, -language and -out, runs
// the language's generator and writes its files into -out (emptied first), or
// exits with status 1 and the reason. command prefixes every message.
func Main(command string, generators map[string]Generator) {
	languages := make([]string, 0, len(generators))
	for language := range generators {
		languages = append(languages, language)
	}
	sort.Strings(languages)
	choices := strings.Join(languages, "|")

	schemaPath := flag.String("schema", "schema.json", "the package schema")
	language := flag.String("language", "", choices)
	out := flag.String("out", "", "the directory to write (emptied first)")
	flag.Parse()
	fail := func(message string) {
		fmt.Fprintf(os.Stderr, "[%s] %s\n", command, message)
		os.Exit(1)
	}
	if *language == "" || *out == "" {
		fail(fmt.Sprintf("both -language and -out are required (e.g. -language %s -out sdk/%s)", languages[0], languages[0]))
	}
	generate, ok := generators[*language]
	if !ok {
		fail(fmt.Sprintf("-language %q is not one of %s (sdk-gen and dotnet-sdk-gen share the flags: the other one may have it)", *language, choices))
	}
	pkg, err := bind(*schemaPath)
	if err != nil {
		fail(err.Error())
	}
	files, err := generate(pkg, noOtherPackages{})
	if err != nil {
		fail(fmt.Sprintf("generating the %s SDK: %s", *language, err))
	}
	if err := writeClean(*out, files); err != nil {
		fail(err.Error())
	}
	fmt.Fprintf(os.Stderr, "[%s] wrote %d files into %s\n", command, len(files), *out)
}

func bind(schemaPath string) (*schema.Package, error) {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, fmt.Errorf("%s is not a package schema: %w", schemaPath, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noOtherPackages{}, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s does not bind: %s", schemaPath, diags.Error())
	}
	return pkg, nil
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
	return nil
}
