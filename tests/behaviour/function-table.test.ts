/**
 * The function table (provider/behaviour/official-account/functions.ts) and
 * every surface derived from it agree: the generated TypeScript types, both
 * doors' functions and the README's tables are fresh renderings; the schema
 * has one function per row with the row's inputs and outputs; the dynamic
 * door, the package root and `pulumi-tencent-chat/native` export each row's
 * function and its `...Output` form and no other; and every call, from
 * either door, is checked against the row before the API is called.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { startEmulator, type RunningEmulator } from "../../emulator";
import * as packageRoot from "../../provider";
import { ChatClient, OfficialAccountsApi } from "../../provider/chat";
import * as dynamicLookups from "../../provider/dynamic/lookups";
import * as nativeSurface from "../../provider/native";
import { FunctionArgumentsError } from "../../provider/behaviour/official-account/function-arguments";
import {
  FUNCTION_NAMES,
  FUNCTION_OBJECT_TYPES,
  FUNCTIONS,
  invokeFunction,
  type FunctionInput,
  type FunctionOutput,
} from "../../provider/behaviour/official-account/functions";
import { buildSchema, functionToken, SCHEMA_PACKAGE } from "../../provider/native/schema";
import {
  FUNCTION_SURFACE_PATHS,
  FUNCTION_TABLE_END,
  FUNCTION_TABLE_START,
  functionSurfaces,
} from "../../scripts/generate-functions";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The exported functions of a module whose names a lookup would have (`get...`). */
function exportedLookups(module: object): string[] {
  return Object.entries(module)
    .filter(([name, value]) => typeof value === "function" && /^get[A-Z]/.test(name))
    .map(([name]) => name)
    .sort();
}

const EXPECTED_EXPORTS = FUNCTION_NAMES.flatMap((name) => [name, `${name}Output`]).sort();

describe("the function table's generated surfaces", function () {
  // Prettier lays out the generated TypeScript; its first load is slow on a busy machine.
  this.timeout(60_000);

  it("are what `npm run generate` makes from the table today (run it and commit when this fails)", async () => {
    const readme = readFileSync(FUNCTION_SURFACE_PATHS.readme, "utf8");
    const fresh = await functionSurfaces(readme);
    for (const [surface, text] of Object.entries(fresh) as [keyof typeof FUNCTION_SURFACE_PATHS, string][]) {
      const committed = readFileSync(FUNCTION_SURFACE_PATHS[surface], "utf8");
      expect(committed === text, `${FUNCTION_SURFACE_PATHS[surface]} is stale: run \`npm run generate\``).to.equal(
        true,
      );
    }
  });

  it("the README's tables name every function, its arguments and the object types, between the markers", () => {
    const readme = readFileSync(FUNCTION_SURFACE_PATHS.readme, "utf8");
    const tables = readme.slice(readme.indexOf(FUNCTION_TABLE_START), readme.indexOf(FUNCTION_TABLE_END));
    for (const name of FUNCTION_NAMES) {
      expect(tables, name).to.include(`| \`${name}\`, \`${name}Output\` |`);
      for (const input of Object.keys(FUNCTIONS[name].inputs)) expect(tables, `${name}.${input}`).to.include(input);
    }
    for (const type of Object.keys(FUNCTION_OBJECT_TYPES)) expect(tables, type).to.include(`| \`${type}\` |`);
  });
});

describe("the schema's functions", () => {
  const schema = buildSchema() as Json;

  it("are exactly the table's rows, each at its token tencentchat:index:<name>", () => {
    expect(Object.keys(schema.functions)).to.deep.equal(FUNCTION_NAMES.map(functionToken));
    for (const name of FUNCTION_NAMES) expect(functionToken(name)).to.equal(`${SCHEMA_PACKAGE}:index:${name}`);
  });

  it("describe each row's inputs (required as the row says) and outputs, with the row's descriptions", () => {
    for (const name of FUNCTION_NAMES) {
      const spec = FUNCTIONS[name];
      const schemaFunction = schema.functions[functionToken(name)] as Json;
      expect(schemaFunction.description.startsWith(`${spec.description}\n\n`), name).to.equal(true);
      const inputs: [string, FunctionInput][] = Object.entries(spec.inputs);
      expect(Object.keys(schemaFunction.inputs.properties), `${name} inputs`).to.deep.equal(
        inputs.map(([input]) => input),
      );
      expect(schemaFunction.inputs.required, `${name} required`).to.deep.equal(
        inputs.filter(([, input]) => input.required).map(([input]) => input),
      );
      for (const [input, row] of inputs) {
        expect(schemaFunction.inputs.properties[input].description, `${name}.${input}`).to.equal(row.description);
      }
      const outputs: Readonly<Record<string, FunctionOutput>> =
        "object" in spec.result ? FUNCTION_OBJECT_TYPES[spec.result.object].properties : spec.result.outputs;
      expect(Object.keys(schemaFunction.outputs.properties), `${name} outputs`).to.deep.equal(Object.keys(outputs));
      for (const [output, row] of Object.entries(outputs)) {
        expect(schemaFunction.outputs.properties[output].description, `${name} -> ${output}`).to.equal(row.description);
      }
    }
  });

  it("name only object types the schema declares", () => {
    const refs = JSON.stringify(schema.functions).match(/#\/types\/[^"]+/g) ?? [];
    expect(refs.length).to.be.greaterThan(0);
    for (const ref of refs) expect(schema.types, ref).to.have.property(ref.slice("#/types/".length));
  });
});

describe("the functions each door exports", () => {
  it("the dynamic door: each row's function and its Output form, and no other", () => {
    expect(exportedLookups(dynamicLookups)).to.deep.equal(EXPECTED_EXPORTS);
  });

  it("the package root re-exports the dynamic door's functions", () => {
    expect(exportedLookups(packageRoot)).to.deep.equal(EXPECTED_EXPORTS);
    for (const name of EXPECTED_EXPORTS) {
      expect((packageRoot as Json)[name], name).to.equal((dynamicLookups as Json)[name]);
    }
  });

  it("pulumi-tencent-chat/native: each row's function and its Output form, and no other", () => {
    expect(exportedLookups(nativeSurface)).to.deep.equal(EXPECTED_EXPORTS);
  });
});

describe("calls checked against the function's row", function () {
  this.timeout(60_000);
  const SECRET = "function-table-secret";
  let emulator: RunningEmulator;
  let api: OfficialAccountsApi;

  before(async () => {
    emulator = await startEmulator({ secretKey: SECRET, importUsers: ["editor", "reader"] });
    api = new OfficialAccountsApi(
      new ChatClient({ sdkAppId: 1400000000, identifier: "administrator", secretKey: SECRET, endpoint: emulator.url }),
    );
    await api.create({ officialAccountUserId: "@TOA#_table", ownerAccount: "editor", name: "Table" });
    await api.addSubscribers("@TOA#_table", ["reader"]);
  });
  after(async () => {
    await emulator?.close();
  });

  for (const name of FUNCTION_NAMES) {
    it(`${name}: a call missing its required arguments and passing an unknown one names each, calling no API`, async () => {
      const before = JSON.stringify(emulator.counters());
      const error = await invokeFunction(api, name, { notAnArgument: 1 }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(FunctionArgumentsError);
      const failures = (error as FunctionArgumentsError).failures.map((failure) => failure.property);
      const required = Object.entries(FUNCTIONS[name].inputs as Readonly<Record<string, FunctionInput>>)
        .filter(([, input]) => input.required)
        .map(([input]) => input);
      expect(failures).to.deep.equal(["notAnArgument", ...required]);
      expect((error as Error).message).to.include(`notAnArgument is not an argument of ${name}`);
      expect(JSON.stringify(emulator.counters())).to.equal(before);
    });
  }

  it("good arguments reach the behaviour: each function answers from the emulator", async () => {
    const one = await invokeFunction(api, "getOfficialAccount", { officialAccountUserId: "@TOA#_table" });
    expect(one.name).to.equal("Table");
    const many = await invokeFunction(api, "getOfficialAccounts", {
      officialAccountUserIds: ["@TOA#_table", "@TOA#_gone"],
    });
    expect(many.accounts.map((account) => account.officialAccountUserId)).to.deep.equal(["@TOA#_table"]);
    expect(many.missingIds).to.deep.equal(["@TOA#_gone"]);
    const subscribed = await invokeFunction(api, "getSubscribedOfficialAccounts", {
      subscriberAccount: "reader",
      fields: ["Name"],
    });
    expect(subscribed.totalCount).to.equal(1);
    expect(subscribed.accounts[0].name).to.equal("Table");
  });
});
