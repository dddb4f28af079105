/**
 * The `tencentchat` package schema, built from the field table
 * (chat-api/official-account-fields.ts), the settings table
 * (provider/behaviour/settings.ts) and the function table
 * (provider/behaviour/official-account/functions.ts). The plugin answers GetSchema with it, and
 * `npm run generate` writes it to schema.json for the SDK generators.
 */
import { OFFICIAL_ACCOUNT_FIELDS, type FieldSpec } from "../../chat-api/official-account-fields";
import {
  FUNCTION_NAMES,
  FUNCTION_OBJECT_TYPES,
  FUNCTIONS,
  type FunctionInput,
  type FunctionName,
  type FunctionObjectType,
  type FunctionOutput,
  type FunctionValueType,
} from "../behaviour/official-account/functions";
import { SETTING_KEYS, settingDescription, settingSpec } from "../behaviour/settings";
import { PACKAGE_NAME, packageVersion } from "../package-info";
import SCHEMA_EXAMPLES from "./schema-examples.json";

/** The Pulumi package name: the plugin is `pulumi-resource-tencentchat`, tokens are `tencentchat:index:*`. */
export const SCHEMA_PACKAGE = "tencentchat";
/** The resource's token: `tencentchat:index:OfficialAccount`. */
export const OFFICIAL_ACCOUNT_TOKEN = `${SCHEMA_PACKAGE}:index:OfficialAccount`;

/** A function's token: `tencentchat:index:<name>`, its name in the function table. */
export function functionToken(name: FunctionName): string {
  return `${SCHEMA_PACKAGE}:index:${name}`;
}

/** Every function's token, in the function table's order. */
export const FUNCTION_TOKENS: readonly string[] = FUNCTION_NAMES.map(functionToken);

/** An object type's token: `tencentchat:index:<name>`. */
function objectTypeToken(name: FunctionObjectType): string {
  return `${SCHEMA_PACKAGE}:index:${name}`;
}

/**
 * The project's repository: its releases hold the plugin archives the engine downloads, and its path is the
 * Go module's (`<repository>/sdk`, tags `sdk/vX.Y.Z`), so the download location, the Go import path and the docs
 * links agree.
 */
export const PROJECT_REPOSITORY = {
  host: "github.com",
  owner: "pulumi-tencent-chat",
  name: "pulumi-tencentchat",
} as const;
const REPOSITORY_PATH = `${PROJECT_REPOSITORY.host}/${PROJECT_REPOSITORY.owner}/${PROJECT_REPOSITORY.name}`;
const GO_MODULE = `${REPOSITORY_PATH}/sdk`;

/**
 * Where the engine downloads `pulumi-resource-tencentchat-v<version>-<os>-<arch>.tar.gz`: the release tagged
 * `v<version>` of the project's repository (pulumi/pulumi sdk/go/common/workspace/plugins.go, githubSource).
 * `PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES` matches this exact text to redirect it (a mirror, a test server).
 */
export const PLUGIN_DOWNLOAD_URL = `github://api.github.com/${PROJECT_REPOSITORY.owner}/${PROJECT_REPOSITORY.name}`;

/** Where the generated SDKs live; the `langs` SDKs are published under these names. */
export const LANGUAGE_NAMES = {
  /** The typed native surface in this npm package; `pulumi import` in a TypeScript project imports from it. */
  nodejs: "pulumi-tencent-chat/native",
  python: "pulumi_tencentchat",
  /**
   * The Go module: its go.mod is sdk/go.mod, so the repository tags its releases `sdk/vX.Y.Z`, as Pulumi's own
   * providers do (pulumi-aws: module `.../sdk/v6`, package `.../sdk/go/aws`). v0, so no major version suffix.
   */
  goModule: GO_MODULE,
  /** The Go package, in the module's go/ folder (scripts/generate-sdks.sh derives the module back from it). */
  goImportBasePath: `${GO_MODULE}/go/tencentchat`,
  csharpRootNamespace: "PulumiTencentChat",
} as const;

/** A token's description followed by its examples (from the example programs; scripts/generate-schema-examples.ts). */
function withExamples(token: string, description: string): string {
  const examples = (SCHEMA_EXAMPLES as Record<string, string>)[token];
  if (!examples) throw new Error(`no examples for ${token} in schema-examples.json: add it and run npm run generate`);
  return `${description}\n\n${examples}`;
}

type Property = Record<string, unknown>;

function fieldProperty(field: FieldSpec): Property {
  return { type: field.type, description: field.description };
}

function properties(fields: readonly FieldSpec[]): Record<string, Property> {
  return Object.fromEntries(fields.map((field) => [field.name, fieldProperty(field)]));
}

const FIELDS = OFFICIAL_ACCOUNT_FIELDS as readonly FieldSpec[];
const INPUTS = FIELDS.filter((field) => field.lifecycle !== "output");

/** A type of the function table as the schema writes it. */
function typeSchema(type: FunctionValueType): Property {
  if (typeof type === "string") return { type };
  if ("listOf" in type) return { type: "array", items: typeSchema(type.listOf) };
  // The allowed values are checked by the function's rule, not listed as a schema enum.
  return "oneOf" in type ? { type: "string" } : { $ref: `#/types/${objectTypeToken(type.object)}` };
}

/** Properties of a function's inputs or outputs, or of an object type, in the table's order. */
function tableProperties(rows: Readonly<Record<string, FunctionInput | FunctionOutput>>): Record<string, Property> {
  return Object.fromEntries(
    Object.entries(rows).map(([name, row]) => [name, { ...typeSchema(row.type), description: row.description }]),
  );
}

/** The names of the outputs every result carries. */
function alwaysThere(rows: Readonly<Record<string, FunctionOutput>>): string[] {
  return Object.entries(rows)
    .filter(([, row]) => row.always)
    .map(([name]) => name);
}

/** The schema's `types`: the object types the functions return. */
function functionObjectTypes(): Record<string, unknown> {
  return Object.fromEntries(
    (Object.keys(FUNCTION_OBJECT_TYPES) as FunctionObjectType[]).map((name) => {
      const spec = FUNCTION_OBJECT_TYPES[name];
      return [
        objectTypeToken(name),
        {
          description: spec.description,
          type: "object",
          properties: tableProperties(spec.properties),
          required: alwaysThere(spec.properties),
        },
      ];
    }),
  );
}

/** The schema's `functions`: one per row of the function table. */
function functions(): Record<string, unknown> {
  return Object.fromEntries(
    FUNCTION_NAMES.map((name) => {
      const spec = FUNCTIONS[name];
      const inputs: Readonly<Record<string, FunctionInput>> = spec.inputs;
      const result = spec.result;
      const outputs =
        "object" in result
          ? {
              description: result.description,
              properties: tableProperties(FUNCTION_OBJECT_TYPES[result.object].properties),
              required: alwaysThere(FUNCTION_OBJECT_TYPES[result.object].properties),
            }
          : { properties: tableProperties(result.outputs), required: alwaysThere(result.outputs) };
      return [
        functionToken(name),
        {
          description: withExamples(functionToken(name), spec.description),
          inputs: {
            properties: tableProperties(inputs),
            required: Object.entries(inputs)
              .filter(([, input]) => input.required)
              .map(([input]) => input),
          },
          outputs,
        },
      ];
    }),
  );
}

/** The schema's `config.variables` and the provider's `inputProperties`: one property per row of the settings table. */
function settingsProperties(): Record<string, Property> {
  return Object.fromEntries(
    SETTING_KEYS.map(settingSpec).map((spec) => [
      spec.key,
      { type: spec.type, description: settingDescription(spec), ...(spec.secret ? { secret: true } : {}) },
    ]),
  );
}

/** The package schema, as the Pulumi schema format describes it. */
export function buildSchema(): Record<string, unknown> {
  const settings = settingsProperties();
  return {
    name: SCHEMA_PACKAGE,
    displayName: "Tencent Cloud Chat",
    version: packageVersion(),
    description: "Tencent Cloud Chat official accounts as Pulumi resources, with lookups of existing accounts.",
    keywords: ["pulumi", "tencentchat", "tencent-cloud", "chat", "official-accounts", "category/cloud"],
    license: "Apache-2.0",
    publisher: "pulumi-tencent-chat",
    repository: `https://${REPOSITORY_PATH}`,
    homepage: `https://${REPOSITORY_PATH}`,
    pluginDownloadURL: PLUGIN_DOWNLOAD_URL,
    config: { variables: settings },
    provider: {
      description:
        "The provider for one Tencent Cloud Chat app. Declare one per app to manage several apps in one program; " +
        "each setting falls back to its TENCENTCHAT_* environment variable.",
      inputProperties: settings,
    },
    resources: {
      [OFFICIAL_ACCOUNT_TOKEN]: {
        description: withExamples(
          OFFICIAL_ACCOUNT_TOKEN,
          "A Tencent Cloud Chat official account. Profile fields update in place; a new owner or id replaces it. " +
            "Import an existing account with `pulumi import tencentchat:index:OfficialAccount <name> '@TOA#_...'`.",
        ),
        properties: properties(FIELDS),
        required: FIELDS.map((field) => field.name),
        inputProperties: properties(INPUTS),
        requiredInputs: INPUTS.filter((field) => field.required).map((field) => field.name),
      },
    },
    types: functionObjectTypes(),
    functions: functions(),
    // The generated SDKs (sdk/, scripts/generate.sh) carry this version and name the tencentchat plugin at it
    // (respectSchemaVersion); supportPack makes the Go generator write a go.mod, which scripts/generate-sdks.sh
    // moves to sdk/go.mod (the module LANGUAGE_NAMES.goModule), as Pulumi's own providers have it.
    meta: { supportPack: true },
    language: {
      nodejs: {
        packageName: LANGUAGE_NAMES.nodejs,
        packageDescription: `Tencent Cloud Chat official accounts (the ${PACKAGE_NAME} npm package, native front door).`,
        dependencies: { "@pulumi/pulumi": "^3.216.0" },
        respectSchemaVersion: true,
      },
      python: {
        packageName: LANGUAGE_NAMES.python,
        // No `requires`: the generator sets the lowest `pulumi` its generated code works with.
        pyproject: { enabled: true },
        respectSchemaVersion: true,
      },
      go: {
        importBasePath: LANGUAGE_NAMES.goImportBasePath,
        generateResourceContainerTypes: false,
        respectSchemaVersion: true,
      },
      csharp: {
        rootNamespace: LANGUAGE_NAMES.csharpRootNamespace,
        namespaces: { [SCHEMA_PACKAGE]: "TencentChat" },
        packageReferences: { Pulumi: "3.*" },
        respectSchemaVersion: true,
      },
    },
  };
}

/** The schema as schema.json holds it (2-space JSON and a final newline). */
export function schemaText(): string {
  return `${JSON.stringify(buildSchema(), null, 2)}\n`;
}
