/**
 * schema.json is generated (npm run generate) and committed: it must be what
 * the generator makes from the field and settings tables today, and it must
 * describe every field and setting those tables hold.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { OFFICIAL_ACCOUNT_FIELDS } from "../../chat-api/official-account-fields";
import { SETTING_SOURCES } from "../../provider/config";
import { buildSchema, OFFICIAL_ACCOUNT_TOKEN, schemaText } from "../../provider/native/schema";
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
    for (const source of Object.values(SETTING_SOURCES)) {
      const setting = schema.provider.inputProperties[source.key] as Json;
      expect(setting.type, source.key).to.equal(source.type);
      expect(setting.description, source.key).to.include(source.envVar);
      expect(setting.secret === true, `${source.key} secret`).to.equal("secret" in source && source.secret === true);
      expect(schema.config.variables[source.key], source.key).to.deep.equal(setting);
    }
  });
});
