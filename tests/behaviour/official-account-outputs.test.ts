/**
 * Every field of the table is an output of both OfficialAccount classes. A field the table gains and a
 * surface misses would otherwise never be registered while its generated type says it exists. Checked:
 * what each class's constructor registers and reads back (through @pulumi/pulumi's runtime mocks, the
 * SDK's own test monitor), the committed schema.json, and the generated Python, Go and .NET SDKs.
 */
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import {
  INPUT_FIELDS,
  OFFICIAL_ACCOUNT_FIELDS,
  OUTPUT_FIELDS,
  type FieldSpec,
  type OfficialAccountField,
} from "../../chat-api/official-account-fields";
import type { OfficialAccountOutputs } from "../../provider/behaviour/official-account/types";
import { OfficialAccount } from "../../provider/dynamic/official-account";
import { OfficialAccount as NativeOfficialAccount } from "../../provider/native";
import { OFFICIAL_ACCOUNT_TOKEN } from "../../provider/native/schema";
import { REPO_ROOT } from "../../scripts/pulumi-runner";

// Compile-time: the declared outputs of both classes are exactly the table's names.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const declaredOutputsAreTheTable: SameKeys<keyof OfficialAccountOutputs, OfficialAccountField["name"]> = true;

const FIELD_NAMES = OFFICIAL_ACCOUNT_FIELDS.map((field) => field.name).sort();
/** What the dynamic class registers besides the fields: the id seed and the serialized shim. */
const DYNAMIC_INTERNALS = ["__provider", "idSeed"];

/** A value of the field's type that no default equals, so a value seen later came from here. */
function sampleOf(field: FieldSpec, salt: number): string | number | boolean {
  if (field.type === "string") return `${field.name}-sample`;
  if (field.type === "integer") return 1000 + salt;
  return true;
}
const PROGRAM_INPUTS = Object.fromEntries(INPUT_FIELDS.map((field, i) => [field.name, sampleOf(field, i)]));
/** What the mock engine answers for the outputs only the service sets. */
const SERVICE_OUTPUTS = Object.fromEntries(OUTPUT_FIELDS.map((field, i) => [field.name, sampleOf(field, 100 + i)]));

interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

/** The names a resource object carries as outputs (besides `urn` and `id`), sorted. */
function outputNames(resource: pulumi.CustomResource): string[] {
  const own = resource as unknown as Record<string, unknown>;
  return Object.keys(own)
    .filter((key) => key !== "urn" && key !== "id" && pulumi.Output.isInstance(own[key]))
    .sort();
}

/** The value an output resolves to (the mocks run no preview, so every value is known). */
function valueOf(resource: pulumi.CustomResource, name: string): Promise<unknown> {
  const output = (resource as unknown as Record<string, pulumi.Output<unknown> | undefined>)[name];
  expect(pulumi.Output.isInstance(output), `${name} is an output of ${resource.constructor.name}`).to.equal(true);
  return new Promise((resolve) => output!.apply((value) => resolve(value)));
}

function read(...parts: string[]): string {
  return readFileSync(path.join(REPO_ROOT, ...parts), "utf8");
}

/** The text from `start` to the first line after it that is exactly `end` (to the end without one). */
function block(text: string, start: string, end?: string): string {
  const from = text.indexOf(start);
  expect(from, `${JSON.stringify(start)} in the generated file`).to.be.greaterThan(-1);
  return end === undefined ? text.slice(from) : text.slice(from, text.indexOf(`\n${end}\n`, from));
}

function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => match[1]).sort();
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

describe("every field of the table is an output of both OfficialAccount classes", function () {
  this.timeout(120_000);
  const registrations: Registration[] = [];

  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
          return { id: `${args.name}-id`, state: { ...args.inputs, ...SERVICE_OUTPUTS } };
        },
        call(args) {
          return args.inputs;
        },
      },
      "outputs-test",
      "dev",
      false,
    );
  });
  // Leave the process as a program run would find it: no mock monitor, no project or stack.
  after(() => pulumi.runtime.resetOptions("", "", -1, "", "", false, ""));

  it("TypeScript declares exactly the table's fields as the outputs of both classes", () => {
    expect(declaredOutputsAreTheTable).to.equal(true);
  });

  it("the dynamic OfficialAccount registers every field, and only the id seed and the shim besides", async () => {
    const account = new OfficialAccount("dynamic-news", PROGRAM_INPUTS as never);
    await valueOf(account, "name");
    expect(outputNames(account), "registered properties").to.deep.equal([...FIELD_NAMES, ...DYNAMIC_INTERNALS].sort());
    const registered = registrations.find((r) => r.name === "dynamic-news");
    expect(registered?.type).to.equal("pulumi-nodejs:dynamic/tencentchat:OfficialAccount");
    for (const field of INPUT_FIELDS) {
      expect(registered?.inputs[field.name], `${field.name} sent to the engine`).to.equal(PROGRAM_INPUTS[field.name]);
    }
  });

  it("the dynamic OfficialAccount reads every field back from the engine's answer", async () => {
    const account = new OfficialAccount("dynamic-weather", PROGRAM_INPUTS as never);
    for (const field of OFFICIAL_ACCOUNT_FIELDS) {
      const want = field.lifecycle === "output" ? SERVICE_OUTPUTS[field.name] : PROGRAM_INPUTS[field.name];
      expect(await valueOf(account, field.name), field.name).to.equal(want);
    }
  });

  it("the dynamic OfficialAccount registers the table's fields a program leaves out, and the names it does not know", async () => {
    const account = new OfficialAccount("dynamic-sparse", {
      ownerAccount: "alice",
      name: "Sparse",
      FaceURL: "x",
    } as never);
    await valueOf(account, "name");
    // Unknown names reach check, which names them ("FaceURL is not an OfficialAccount input").
    expect(outputNames(account)).to.deep.equal([...FIELD_NAMES, ...DYNAMIC_INTERNALS, "FaceURL"].sort());
  });

  it("the native OfficialAccount (pulumi-tencent-chat/native) registers every field and reads each back", async () => {
    const account = new NativeOfficialAccount("native-news", PROGRAM_INPUTS as never);
    expect(outputNames(account), "registered properties").to.deep.equal(FIELD_NAMES);
    for (const field of OFFICIAL_ACCOUNT_FIELDS) {
      const want = field.lifecycle === "output" ? SERVICE_OUTPUTS[field.name] : PROGRAM_INPUTS[field.name];
      expect(await valueOf(account, field.name), field.name).to.equal(want);
    }
    expect(registrations.find((r) => r.name === "native-news")?.type).to.equal(OFFICIAL_ACCOUNT_TOKEN);
  });

  it("every output row, and only an output row, says where the service takes its value from (the emulator follows it)", () => {
    for (const field of OFFICIAL_ACCOUNT_FIELDS as readonly FieldSpec[]) {
      expect(field.serviceValue !== undefined, `${field.name} has a serviceValue`).to.equal(
        field.lifecycle === "output",
      );
    }
  });

  it("schema.json declares every field as an output of the resource, always set", () => {
    const schema = JSON.parse(read("schema.json")) as {
      resources: Record<string, { properties: Record<string, unknown>; required: string[] }>;
    };
    const resource = schema.resources[OFFICIAL_ACCOUNT_TOKEN];
    expect(Object.keys(resource.properties).sort()).to.deep.equal(FIELD_NAMES);
    expect([...resource.required].sort()).to.deep.equal(FIELD_NAMES);
  });

  it("the generated Python, Go and .NET SDKs give their OfficialAccount every field as an output", () => {
    const python = block(
      read("sdk", "python", "pulumi_tencentchat", "official_account.py"),
      "class OfficialAccount(pulumi.CustomResource):",
    );
    expect(matches(python, /def (\w+)\(self\) -> pulumi\.Output\[/g), "Python").to.deep.equal(
      FIELD_NAMES.map(snakeCase).sort(),
    );
    const go = block(read("sdk", "go", "tencentchat", "officialAccount.go"), "type OfficialAccount struct {", "}");
    expect(matches(go, /^\t\w+ pulumi\.\w+Output `pulumi:"(\w+)"`$/gm), "Go").to.deep.equal(FIELD_NAMES);
    const dotnet = read("sdk", "dotnet", "OfficialAccount.cs");
    expect(matches(dotnet, /\[Output\("(\w+)"\)\]/g), ".NET").to.deep.equal(FIELD_NAMES);
  });
});
