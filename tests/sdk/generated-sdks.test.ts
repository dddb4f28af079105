/**
 * The SDKs in sdk/ are generated from schema.json (`npm run generate`) and
 * committed, as Pulumi's own providers do: they must be exactly what the
 * generators make today, carry the package's real names, and name the
 * tencentchat plugin at the schema's version. A schema change must reach
 * every language, and the Go example must compile against the Go module, which
 * is rooted at sdk/ (sdk/go.mod; package in sdk/go/tencentchat; tags sdk/vX.Y.Z).
 */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { LANGUAGE_NAMES } from "../../provider/native/schema";
import { REPO_ROOT } from "../../scripts/pulumi-runner";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SDK_ROOT = path.join(REPO_ROOT, "sdk");
const LANGUAGES = ["python", "go", "dotnet"] as const;
const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, "schema.json"), "utf8")) as Json;

/** Every file under dir, as paths relative to it, sorted. */
function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = path.join(prefix, entry.name);
      return entry.isDirectory() ? filesUnder(dir, relative) : [relative];
    })
    .sort();
}

/** The files git tracks under sdk/<language> (a local `pip install ./sdk/python` leaves ignored build files). */
function committedFiles(language: string): string[] {
  const listed = execFileSync("git", ["ls-files", "-z", "--", `sdk/${language}`], { cwd: REPO_ROOT, encoding: "utf8" });
  return listed
    .split("\0")
    .filter(Boolean)
    .map((file) => path.relative(path.join("sdk", language), file))
    .sort();
}

function generate(outRoot: string, schemaPath?: string): void {
  const args = [path.join(REPO_ROOT, "scripts", "generate-sdks.sh"), outRoot, ...(schemaPath ? [schemaPath] : [])];
  execFileSync("bash", args, { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function read(...parts: string[]): string {
  return readFileSync(path.join(...parts), "utf8");
}

describe("generated SDKs (sdk/)", function () {
  // A cold machine builds the generators first (about a minute).
  this.timeout(10 * 60 * 1000);
  let scratch: string;

  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), "tencentchat-sdks-"));
    generate(path.join(scratch, "fresh"));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("sdk/go.mod, the Go module's, is what `npm run generate` makes, and the only file at the top of sdk/", () => {
    const topLevel = (files: string[]) => files.filter((file) => !file.includes("/"));
    const committed = execFileSync("git", ["ls-files", "-z", "--", "sdk"], { cwd: REPO_ROOT, encoding: "utf8" })
      .split("\0")
      .filter(Boolean)
      .map((file) => path.posix.relative("sdk", file));
    expect(topLevel(committed), "files committed at the top of sdk/").to.deep.equal(["go.mod"]);
    expect(topLevel(filesUnder(path.join(scratch, "fresh"))), "files generated at the top of sdk/").to.deep.equal([
      "go.mod",
    ]);
    expect(read(SDK_ROOT, "go.mod"), "sdk/go.mod is stale: run `npm run generate` and commit").to.equal(
      read(scratch, "fresh", "go.mod"),
    );
  });

  for (const language of LANGUAGES) {
    it(`sdk/${language} is what \`npm run generate\` makes from schema.json today (run it and commit when this fails)`, () => {
      const fresh = path.join(scratch, "fresh", language);
      const committed = path.join(SDK_ROOT, language);
      expect(committedFiles(language), `files committed in sdk/${language}`).to.deep.equal(filesUnder(fresh));
      const stale = filesUnder(fresh).filter(
        (file) => !readFileSync(path.join(fresh, file)).equals(readFileSync(path.join(committed, file))),
      );
      expect(stale, `stale files in sdk/${language}: run \`npm run generate\` and commit`).to.deep.equal([]);
    });
  }

  it("each SDK names the tencentchat plugin at the schema's version and where the engine downloads it", () => {
    const plugin = { resource: true, name: schema.name, version: schema.version, server: schema.pluginDownloadURL };
    const python = schema.language.python.packageName as string;
    expect(JSON.parse(read(SDK_ROOT, "python", python, "pulumi-plugin.json"))).to.deep.equal(plugin);
    expect(JSON.parse(read(SDK_ROOT, "go", "tencentchat", "pulumi-plugin.json"))).to.deep.equal(plugin);
    expect(JSON.parse(read(SDK_ROOT, "dotnet", "pulumi-plugin.json"))).to.deep.equal(plugin);
    // Go has no package metadata to read at run time: the version is compiled into the default options.
    expect(read(SDK_ROOT, "go", "tencentchat", "internal", "pulumiUtilities.go")).to.include(
      `version := semver.MustParse("${schema.version}")`,
    );
    expect(read(SDK_ROOT, "python", python, "_utilities.py")).to.match(
      new RegExp(`def get_version\\(\\):\\s+return "${schema.version.replace(/\./g, "\\.")}"`),
    );
    // Python and Go also make it a default resource and invoke option, so the engine installs it on demand.
    expect(read(SDK_ROOT, "python", python, "_utilities.py")).to.match(
      new RegExp(`def get_plugin_download_url\\(\\):\\s+return "${schema.pluginDownloadURL}"`),
    );
    const goDefaults = read(SDK_ROOT, "go", "tencentchat", "internal", "pulumiUtilities.go");
    expect(goDefaults.split(`pulumi.PluginDownloadURL("${schema.pluginDownloadURL}")`)).to.have.length(3);
  });

  it("the download location is the Go module's repository: github://api.github.com/<owner>/<repo> and github.com/<owner>/<repo>/sdk", () => {
    const download = /^github:\/\/api\.github\.com\/([^/]+)\/([^/]+)$/.exec(schema.pluginDownloadURL as string);
    expect(download, `pluginDownloadURL ${schema.pluginDownloadURL}`).to.not.equal(null);
    const [, owner, repository] = download!;
    expect(read(SDK_ROOT, "go.mod")).to.match(new RegExp(`^module github\\.com/${owner}/${repository}/sdk$`, "m"));
    expect(schema.repository).to.equal(`https://github.com/${owner}/${repository}`);
    expect(schema.homepage).to.equal(schema.repository);
    expect(read(SDK_ROOT, "python", "pyproject.toml")).to.include(`Repository = "${schema.repository}"`);
    expect(read(SDK_ROOT, "dotnet", "PulumiTencentChat.TencentChat.csproj")).to.include(
      `<RepositoryUrl>${schema.repository}</RepositoryUrl>`,
    );
  });

  it("carries the package names the schema sets: Python package, Go module, .NET namespace", () => {
    const pyproject = read(SDK_ROOT, "python", "pyproject.toml");
    expect(pyproject).to.include(`name = "${schema.language.python.packageName}"`);
    expect(pyproject).to.include(`version = "${schema.version}"`);
    expect(pyproject, "pulumi from PyPI").to.match(/dependencies = \[[^\]]*"pulumi>=3\.\d+\.\d+,<4\.0\.0"/);

    // The module is sdk/, the package its go/tencentchat folder: the import path is the module's plus that folder.
    const importBase = schema.language.go.importBasePath as string;
    const goModule = /^module (\S+)$/m.exec(read(SDK_ROOT, "go.mod"))?.[1];
    expect(importBase).to.equal(`${goModule}/go/tencentchat`);
    expect(goModule, "the module the release and the no-Node test fetch").to.equal(LANGUAGE_NAMES.goModule);
    expect(read(SDK_ROOT, "go", "tencentchat", "doc.go")).to.match(/^package tencentchat$/m);

    const namespace = `${schema.language.csharp.rootNamespace}.${schema.language.csharp.namespaces[schema.name]}`;
    expect(filesUnder(path.join(SDK_ROOT, "dotnet"))).to.include(`${namespace}.csproj`);
    expect(read(SDK_ROOT, "dotnet", "OfficialAccount.cs")).to.include(`namespace ${namespace}\n`);
    expect(read(SDK_ROOT, "dotnet", `${namespace}.csproj`)).to.include(`<Version>${schema.version}</Version>`);
  });

  it("a new field in the schema reaches every language in one generation", () => {
    const changed = structuredClone(schema);
    const resource = changed.resources["tencentchat:index:OfficialAccount"];
    const field = { type: "string", description: "A field added by this test." };
    resource.inputProperties.welcomeText = field;
    resource.properties.welcomeText = field;
    const schemaPath = path.join(scratch, "changed-schema.json");
    writeFileSync(schemaPath, JSON.stringify(changed));
    const out = path.join(scratch, "changed");
    generate(out, schemaPath);

    expect(read(out, "python", schema.language.python.packageName, "official_account.py")).to.include(
      "def welcome_text(self)",
    );
    expect(read(out, "go", "tencentchat", "officialAccount.go")).to.match(/\tWelcomeText pulumi\.StringPtrInput/);
    expect(read(out, "dotnet", "OfficialAccount.cs")).to.include("public Input<string>? WelcomeText");
  });

  it("the Go example compiles against the module in sdk/ (go build, replace directive to ../../sdk)", () => {
    const goModule = /^module (\S+)$/m.exec(read(SDK_ROOT, "go.mod"))![1];
    expect(read(REPO_ROOT, "examples", "go", "go.mod")).to.match(
      new RegExp(`^replace ${goModule.replace(/\./g, "\\.")} => \\.\\./\\.\\./sdk$`, "m"),
    );
    const binary = path.join(scratch, "tencentchat-go-example");
    execFileSync("go", ["build", "-o", binary, "."], {
      cwd: path.join(REPO_ROOT, "examples", "go"),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(filesUnder(scratch)).to.include(path.basename(binary));
  });
});
