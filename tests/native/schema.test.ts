/**
 * schema.json is generated (npm run generate) and committed: it must be what
 * the generator makes from the field and settings tables today, and it must
 * describe every field and setting those tables hold.
 */
import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { OFFICIAL_ACCOUNT_FIELDS } from "../../chat-api/official-account-fields";
import { CHAT_SETTINGS } from "../../provider/behaviour/settings";
import {
  buildSchema,
  FUNCTION_TOKENS,
  LANGUAGE_NAMES,
  OFFICIAL_ACCOUNT_TOKEN,
  PLUGIN_DOWNLOAD_URL,
  schemaText,
} from "../../provider/native/schema";
import { INSTALLATION_DOC_PATH, withSettingsTable } from "../../scripts/generate-docs-settings";
import {
  EXAMPLE_PROGRAMS,
  EXAMPLE_SUBJECTS,
  programRegion,
  SCHEMA_EXAMPLES_PATH,
  schemaExamplesText,
  wholeProgram,
  type ExampleLanguage,
} from "../../scripts/generate-schema-examples";
import { REPO_ROOT } from "../../scripts/pulumi-runner";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("schema.json", () => {
  const committed = readFileSync(path.join(REPO_ROOT, "schema.json"), "utf8");

  it("is what `npm run generate` makes from the tables today (run it and commit when this fails)", () => {
    expect(committed === schemaText(), "schema.json is stale: run `npm run generate` and commit it").to.equal(true);
  });

  it("carries the package name, the package.json version and each language's names", () => {
    const schema = JSON.parse(committed) as Json;
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Json;
    expect(schema.name).to.equal("tencentchat");
    expect(schema.version).to.equal(manifest.version);
    expect(schema.language.python.packageName).to.equal("pulumi_tencentchat");
    expect(schema.language.go.importBasePath).to.match(/\/sdk\/go\/tencentchat$/);
    expect(schema.language.csharp.rootNamespace).to.be.a("string");
    expect(schema.language.nodejs.packageName).to.equal(`${manifest.name}/native`);
  });

  it("tells the engine where to download the plugin, at the repository the Go module and the docs name", () => {
    const schema = JSON.parse(committed) as Json;
    expect(schema.pluginDownloadURL).to.equal(PLUGIN_DOWNLOAD_URL);
    const [, owner, repository] = /^github:\/\/api\.github\.com\/([^/]+)\/([^/]+)$/.exec(PLUGIN_DOWNLOAD_URL)!;
    // The engine's own default repository name for a plugin is pulumi-<name>: the URL must not need another.
    expect(repository).to.equal(`pulumi-${schema.name}`);
    expect(LANGUAGE_NAMES.goImportBasePath.startsWith(`github.com/${owner}/${repository}/sdk/`)).to.equal(true);
    expect(schema.repository).to.equal(`https://github.com/${owner}/${repository}`);
    expect(schema.homepage).to.equal(schema.repository);
  });

  it("describes every field of the table on the resource, inputs and outputs as the table says", () => {
    const resource = (buildSchema().resources as Json)[OFFICIAL_ACCOUNT_TOKEN] as Json;
    for (const field of OFFICIAL_ACCOUNT_FIELDS) {
      expect(resource.properties[field.name], field.name).to.deep.equal({
        type: field.type,
        description: field.description,
      });
      expect(field.name in resource.inputProperties, `${field.name} as input`).to.equal(field.lifecycle !== "output");
      expect(resource.requiredInputs.includes(field.name), `${field.name} required`).to.equal(field.required);
    }
  });

  it("describes every provider setting, the secret key as a secret, with its environment variable", () => {
    const schema = buildSchema() as Json;
    for (const source of Object.values(CHAT_SETTINGS)) {
      const setting = schema.provider.inputProperties[source.key] as Json;
      expect(setting.type, source.key).to.equal(source.type);
      expect(setting.description, source.key).to.include(source.envVar);
      expect(setting.secret === true, `${source.key} secret`).to.equal(source.secret);
      expect(schema.config.variables[source.key], source.key).to.deep.equal(setting);
    }
  });
});

describe("the schema's examples (every SDK's docs show them)", () => {
  const schema = buildSchema() as Json;
  const descriptions: Record<string, string> = {
    [OFFICIAL_ACCOUNT_TOKEN]: schema.resources[OFFICIAL_ACCOUNT_TOKEN].description,
    ...Object.fromEntries(Object.values(FUNCTION_TOKENS).map((token) => [token, schema.functions[token].description])),
  };

  it("provider/native/schema-examples.json is what `npm run generate` makes from the example programs today", () => {
    const committed = readFileSync(SCHEMA_EXAMPLES_PATH, "utf8");
    expect(committed === schemaExamplesText(), "stale: run `npm run generate` and commit").to.equal(true);
  });

  it("the resource and every function carry one example in TypeScript, Python, Go, C# and YAML", () => {
    expect(Object.keys(descriptions).sort()).to.deep.equal(EXAMPLE_SUBJECTS.map(({ token }) => token).sort());
    for (const [token, description] of Object.entries(descriptions)) {
      expect(description, token).to.match(/\n\n\{\{% examples %\}\}\n## Example Usage\n\{\{% example %\}\}\n### /);
      expect(description.trimEnd().endsWith("{{% /example %}}\n{{% /examples %}}"), token).to.equal(true);
      const fences = [...description.matchAll(/^```(\w+)$/gm)].map((match) => match[1]);
      expect(fences, token).to.deep.equal(["typescript", "python", "go", "csharp", "yaml"]);
    }
  });

  for (const subject of EXAMPLE_SUBJECTS) {
    it(`${subject.token}: each example is the code of an example program, ${subject.region ? `its "${subject.region}" region` : "whole"}`, () => {
      for (const [language, program] of Object.entries(EXAMPLE_PROGRAMS) as [ExampleLanguage, { file: string }][]) {
        const source = readFileSync(path.join(REPO_ROOT, program.file), "utf8");
        const code = subject.region ? programRegion(source, subject.region, program.file) : wholeProgram(source);
        expect(code.trim(), `${program.file}: a region of code`).to.not.equal("");
        expect(descriptions[subject.token], `${language} from ${program.file}`).to.include(
          `\`\`\`${language}\n${code}\n\`\`\``,
        );
      }
    });
  }

  it("every example program but C# is one an end-to-end suite runs (C# is not run: no .NET SDK here)", () => {
    for (const [language, program] of Object.entries(EXAMPLE_PROGRAMS)) {
      if (program.runBy === null) {
        expect(language).to.equal("csharp");
        continue;
      }
      const suite = readFileSync(path.join(REPO_ROOT, program.runBy), "utf8");
      const folder = path.dirname(program.file).split("/").pop()!;
      expect(suite, `${program.runBy} runs examples/${folder}`).to.match(
        new RegExp(
          `example: "${folder}"|usesExampleStack\\("${folder}"|\\[[^\\]]*"${folder}"[^\\]]*\\] as ProgramLanguage`,
        ),
      );
    }
  });

  it("the C# example only names classes the generated .NET SDK has", () => {
    const csharp = readFileSync(path.join(REPO_ROOT, EXAMPLE_PROGRAMS.csharp.file), "utf8");
    const sdkSources = readdirSync(path.join(REPO_ROOT, "sdk", "dotnet"))
      .filter((file) => file.endsWith(".cs"))
      .map((file) => readFileSync(path.join(REPO_ROOT, "sdk", "dotnet", file), "utf8"))
      .join("\n");
    const used = [...csharp.matchAll(/\bnew ([A-Z]\w+)|\b([A-Z]\w+)\.Invoke\(/g)].map((m) => m[1] ?? m[2]);
    const named = new Set(used.filter((name) => /^(Get|OfficialAccount|Provider)/.test(name)));
    expect([...named].sort()).to.include.members(["GetOfficialAccount", "OfficialAccountArgs", "ProviderArgs"]);
    for (const name of named) expect(sdkSources, name).to.match(new RegExp(`\\bclass ${name}\\b`));
  });
});

describe("docs/installation-configuration.md", () => {
  it("its settings table is the settings table today (run `npm run generate` when this fails)", () => {
    const page = readFileSync(INSTALLATION_DOC_PATH, "utf8");
    expect(page === withSettingsTable(page), "stale settings table").to.equal(true);
    for (const source of Object.values(CHAT_SETTINGS)) expect(page).to.include(`\`${source.envVar}\``);
  });
});
