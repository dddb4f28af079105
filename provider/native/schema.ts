/**
 * The `tencentchat` package schema, built from the field table
 * (chat-api/official-account-fields.ts) and the settings table
 * (provider/behaviour/settings.ts). The plugin answers GetSchema with it, and
 * `npm run generate` writes it to schema.json for the SDK generators.
 */
import {
  BASE_INFO_FILTER_FIELDS,
  OFFICIAL_ACCOUNT_FIELDS,
  type FieldSpec,
} from "../../chat-api/official-account-fields";
import { SELF_INFO_FILTER_FIELDS } from "../../chat-api/limits";
import { SETTING_KEYS, settingDescription, settingSpec } from "../behaviour/settings";
import { PACKAGE_NAME, packageVersion } from "../package-info";
import SCHEMA_EXAMPLES from "./schema-examples.json";

/** The Pulumi package name: the plugin is `pulumi-resource-tencentchat`, tokens are `tencentchat:index:*`. */
export const SCHEMA_PACKAGE = "tencentchat";
export const OFFICIAL_ACCOUNT_TOKEN = `${SCHEMA_PACKAGE}:index:OfficialAccount`;
export const FUNCTION_TOKENS = {
  getOfficialAccount: `${SCHEMA_PACKAGE}:index:getOfficialAccount`,
  getOfficialAccounts: `${SCHEMA_PACKAGE}:index:getOfficialAccounts`,
  getSubscribedOfficialAccounts: `${SCHEMA_PACKAGE}:index:getSubscribedOfficialAccounts`,
} as const;
const ACCOUNT_INFO_TYPE = `${SCHEMA_PACKAGE}:index:OfficialAccountInfo`;
const SUBSCRIBED_ACCOUNT_TYPE = `${SCHEMA_PACKAGE}:index:SubscribedOfficialAccount`;

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
/** What a read of a live account shows: every field the service holds (not `adopt`, a provider setting). */
const LIVE_FIELDS = FIELDS.filter((field) => field.lifecycle !== "provider");

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
    types: {
      [ACCOUNT_INFO_TYPE]: {
        description: "An official account as the service reports it; fields it did not return are absent.",
        type: "object",
        properties: properties(LIVE_FIELDS),
        required: ["officialAccountUserId"],
      },
      [SUBSCRIBED_ACCOUNT_TYPE]: {
        description: "An official account a user subscribes to, with that user's own subscription fields.",
        type: "object",
        properties: {
          ...properties(LIVE_FIELDS),
          subscribeTime: { type: "integer", description: "When the user subscribed, Unix seconds." },
          selfCustomString: {
            type: "string",
            description: "The subscription's own custom string (not the account's).",
          },
        },
        required: ["officialAccountUserId"],
      },
    },
    functions: {
      [FUNCTION_TOKENS.getOfficialAccount]: {
        description: withExamples(
          FUNCTION_TOKENS.getOfficialAccount,
          "Reads one existing official account; fails when it does not exist.",
        ),
        inputs: {
          properties: {
            officialAccountUserId: { type: "string", description: "The id of the account to read (`@TOA#_...`)." },
          },
          required: ["officialAccountUserId"],
        },
        outputs: {
          description: "The account as the service reports it.",
          properties: properties(LIVE_FIELDS),
          required: ["officialAccountUserId"],
        },
      },
      [FUNCTION_TOKENS.getOfficialAccounts]: {
        description: withExamples(
          FUNCTION_TOKENS.getOfficialAccounts,
          "Reads many existing official accounts at once (50 per API call); missing ones are listed.",
        ),
        inputs: {
          properties: {
            officialAccountUserIds: {
              type: "array",
              items: { type: "string" },
              description: "Ids to read; any number.",
            },
          },
          required: ["officialAccountUserIds"],
        },
        outputs: {
          properties: {
            accounts: {
              type: "array",
              items: { $ref: `#/types/${ACCOUNT_INFO_TYPE}` },
              description: "The accounts that exist, in the order asked for.",
            },
            missingIds: {
              type: "array",
              items: { type: "string" },
              description: "Ids that do not exist or were destroyed.",
            },
          },
          required: ["accounts", "missingIds"],
        },
      },
      [FUNCTION_TOKENS.getSubscribedOfficialAccounts]: {
        description: withExamples(
          FUNCTION_TOKENS.getSubscribedOfficialAccounts,
          "Lists every official account a user subscribes to, following the API's pages to the end.",
        ),
        inputs: {
          properties: {
            subscriberAccount: { type: "string", description: "UserID of the subscriber." },
            fields: {
              type: "array",
              items: { type: "string" },
              description: `Account fields to return (default all): ${BASE_INFO_FILTER_FIELDS.join(", ")}.`,
            },
            selfFields: {
              type: "array",
              items: { type: "string" },
              description: `The subscriber's own fields to return (default all): ${SELF_INFO_FILTER_FIELDS.join(", ")}.`,
            },
          },
          required: ["subscriberAccount"],
        },
        outputs: {
          properties: {
            subscriberAccount: { type: "string", description: "UserID of the subscriber." },
            accounts: {
              type: "array",
              items: { $ref: `#/types/${SUBSCRIBED_ACCOUNT_TYPE}` },
              description: "Every account the user subscribes to, all pages followed.",
            },
            totalCount: { type: "integer", description: "How many accounts the user subscribes to." },
          },
          required: ["subscriberAccount", "accounts", "totalCount"],
        },
      },
    },
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
