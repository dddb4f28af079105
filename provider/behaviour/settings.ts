/**
 * THE SETTINGS TABLE: every provider setting, described once, and the reading
 * that walks it. Settings come from the `tencentchat:` stack config namespace
 * (or an explicit provider's arguments) first, then `TENCENTCHAT_*` environment
 * variables. The resource reads them inside the provider process (dynamic
 * `configure`, the native plugin's Configure), the lookups in the program;
 * neither ever stores them in state.
 *
 * Derived from the table: the `ChatSettings` type, reading and its messages,
 * the client cache key (client-cache.ts), the schema's config and provider
 * inputs (native/schema.ts), the native plugin's CheckConfig/DiffConfig
 * (native/provider-settings.ts), the generated `ProviderArgs`
 * (scripts/generate-typescript-types.ts) and the configuration tables of the
 * README and docs/installation-configuration.md (scripts/generate-docs-settings.ts).
 * Adding a setting is one row here plus its environment variable in chat-api's
 * `SETTING_ENV_VARS` (and, when error hints should name it, its key in chat-api's `HintSetting`).
 */
import type { HintContext, HintSetting } from "../../chat-api/error-codes";
import { DOCUMENTED_CALLS_PER_SECOND } from "../../chat-api/limits";
import { CONFIG_NAMESPACE, SETTING_ENV_VARS } from "../../chat-api/setting-variables";
import { DEFAULT_CALLS_PER_SECOND } from "../chat/rate-limit";
import { CHAT_REGIONS, DEFAULT_REGION } from "../chat/regions";

/** Reads one fully qualified config key (`tencentchat:sdkAppId`), undefined when unset. */
export type ConfigLookup = (key: string) => string | undefined;

/** The stack config namespace of every setting (`tencentchat:sdkAppId`), from the contract. */
export { CONFIG_NAMESPACE };

/**
 * A setting's parse rule: the text from stack config or the environment to its value. Program
 * arguments of an explicit provider arrive as numbers or booleans and are read as their text too.
 */
interface SettingRule<Value> {
  /** The value, or undefined when the text breaks the rule. */
  readonly parse: (text: string) => Value | undefined;
  /**
   * What the text must be, as a message says it after the setting's name, with the fix
   * ("must be true or false"). Only a rule that can refuse a text needs it.
   */
  readonly mustBe?: string;
}

/** One row of the settings table. */
export interface SettingSpec<Value = unknown> {
  /** Key inside the `tencentchat:` namespace, and the explicit provider's argument. */
  readonly key: string;
  /** The environment variable it falls back to (from chat-api's `SETTING_ENV_VARS`). */
  readonly envVar: string;
  /** The value's type in schemas and typed SDKs (stack config always arrives as text). */
  readonly type: "string" | "integer" | "number" | "boolean";
  /** Kept out of every message, log and state in clear text; stored as a secret; a digest in the client cache key. */
  readonly secret: boolean;
  /** Every API call needs it: a missing one is a problem (reported once the API is called). */
  readonly required: boolean;
  /** Said after the setting's name when it is missing, e.g. "(the app admin account)". */
  readonly missingAside?: string;
  /** Error hints may name it (chat-api's `HintSetting`), as the user set it. */
  readonly hint: boolean;
  /** Text to value, or the words of the problem. */
  readonly rule: SettingRule<Value>;
  /** What users see in their editor, the README, the docs and the schema. */
  readonly description: string;
}

/** Any text at all: the setting is used as given. */
const ANY_TEXT: SettingRule<string> = { parse: (text) => text };

/** `true` or `false`, in any case. */
const TRUE_OR_FALSE: SettingRule<boolean> = {
  mustBe: "must be true or false",
  parse: (text) => (/^(true|false)$/i.test(text) ? text.toLowerCase() === "true" : undefined),
};

/** An SDKAppID: a positive 32-bit integer, written in digits. */
const SDK_APP_ID: SettingRule<number> = {
  mustBe: "must be the numeric SDKAppID from the Chat console (e.g. 1400000000)",
  parse: (text) => {
    const value = Number(text);
    return /^\d{1,10}$/.test(text.trim()) && value > 0 && value <= 0xffffffff ? value : undefined;
  },
};

/** A client-side rate: above 0, at most what the API documents. */
const CALLS_PER_SECOND: SettingRule<number> = {
  mustBe:
    `must be a number in (0, ${DOCUMENTED_CALLS_PER_SECOND}] ` +
    `(the API allows ${DOCUMENTED_CALLS_PER_SECOND} calls/s)`,
  parse: (text) => {
    const value = Number(text);
    return Number.isFinite(value) && value > 0 && value <= DOCUMENTED_CALLS_PER_SECOND ? value : undefined;
  },
};

/**
 * Checks the table at compile time: each row sits under its own key with its own variable from
 * chat-api's `SETTING_ENV_VARS`, every variable there has a row, and the rows flagged `hint` are
 * exactly the settings chat-api's hints know (`HintSetting`).
 */
function settingsTable<
  const Table extends {
    readonly [Key in keyof Table]: SettingSpec & {
      readonly key: Key;
      readonly envVar: Key extends keyof typeof SETTING_ENV_VARS ? (typeof SETTING_ENV_VARS)[Key] : never;
      readonly hint: Key extends HintSetting ? true : false;
    };
  } & Readonly<Record<HintSetting | keyof typeof SETTING_ENV_VARS, unknown>>,
>(table: Table): Table {
  return table;
}

/** THE SETTINGS TABLE, one row per setting, in the order docs and schemas list them. */
export const CHAT_SETTINGS = settingsTable({
  sdkAppId: {
    key: "sdkAppId",
    envVar: SETTING_ENV_VARS.sdkAppId,
    type: "integer",
    secret: false,
    required: true,
    hint: true,
    rule: SDK_APP_ID,
    description: "The app's SDKAppID from the Chat console (a number, e.g. 1400123456).",
  },
  identifier: {
    key: "identifier",
    envVar: SETTING_ENV_VARS.identifier,
    type: "string",
    secret: false,
    required: true,
    missingAside: "(the app admin account)",
    hint: true,
    rule: ANY_TEXT,
    description: "An app admin account; every API call is made as it.",
  },
  secretKey: {
    key: "secretKey",
    envVar: SETTING_ENV_VARS.secretKey,
    type: "string",
    secret: true,
    required: true,
    hint: true,
    rule: ANY_TEXT,
    description: "The app's secret key, used only to sign UserSigs. Keep it a secret (`pulumi config set --secret`).",
  },
  region: {
    key: "region",
    envVar: SETTING_ENV_VARS.region,
    type: "string",
    secret: false,
    required: false,
    hint: true,
    // The client checks the name against CHAT_REGIONS, with the list of valid ones in its message.
    rule: ANY_TEXT,
    description: `Data centre of the app: ${CHAT_REGIONS.map((region) => `\`${region}\``).join(", ")} (default \`${DEFAULT_REGION}\`).`,
  },
  endpoint: {
    key: "endpoint",
    envVar: SETTING_ENV_VARS.endpoint,
    type: "string",
    secret: false,
    required: false,
    hint: true,
    // The client checks the URL (scheme, no credentials, http:// only to loopback) and says why.
    rule: ANY_TEXT,
    description:
      "An explicit base URL instead of a region: the emulator or a proxy. `http://` only for loopback hosts " +
      "unless allowInsecureHttp is true.",
  },
  allowInsecureHttp: {
    key: "allowInsecureHttp",
    envVar: SETTING_ENV_VARS.allowInsecureHttp,
    type: "boolean",
    secret: false,
    required: false,
    hint: false,
    rule: TRUE_OR_FALSE,
    description: "Allow `http://` to a non-loopback endpoint (the UserSig then travels in clear text). Default false.",
  },
  callsPerSecond: {
    key: "callsPerSecond",
    envVar: SETTING_ENV_VARS.callsPerSecond,
    type: "number",
    secret: false,
    required: false,
    hint: true,
    rule: CALLS_PER_SECOND,
    description: `Client-side rate limit in calls per second, at most ${DOCUMENTED_CALLS_PER_SECOND} (the API's limit per command); default ${DEFAULT_CALLS_PER_SECOND}.`,
  },
});

type SettingsTable = typeof CHAT_SETTINGS;

/** A setting's key in the settings table. */
export type SettingKey = keyof SettingsTable;

/** Every setting's key, in the table's order. */
export const SETTING_KEYS = Object.keys(CHAT_SETTINGS) as readonly SettingKey[];

/** The row of one setting, as the generic row type (for code that walks the table). */
export function settingSpec(key: SettingKey): SettingSpec {
  return CHAT_SETTINGS[key];
}

/** A setting's description with its environment fallback, as editors, the schema and the SDKs show it. */
export function settingDescription(spec: SettingSpec): string {
  return `${spec.description} Falls back to the ${spec.envVar} environment variable.`;
}

/** The value a setting's rule gives. */
type SettingValue<Key extends SettingKey> = Exclude<ReturnType<SettingsTable[Key]["rule"]["parse"]>, undefined>;
type RequiredKey = { [Key in SettingKey]: SettingsTable[Key]["required"] extends true ? Key : never }[SettingKey];
type OptionalKey = Exclude<SettingKey, RequiredKey>;

/**
 * What a ChatClient needs, resolved and checked: one member per row of the settings table (the
 * required ones always set), and how the user named each setting, for error hints (see
 * {@link SettingNaming}).
 */
export type ChatSettings = { readonly [Key in RequiredKey]: SettingValue<Key> } & {
  readonly [Key in OptionalKey]?: SettingValue<Key>;
} & { readonly settingNames?: HintContext["settingNames"] };

/**
 * How messages name a setting: after where the user writes it. The stack config of a default
 * provider (and of the dynamic resource) says `tencentchat:secretKey`; an explicit provider says its
 * own `secretKey` argument. A value that came from the environment is named by its variable.
 */
export interface SettingNaming {
  /** The setting where the user writes it, e.g. `tencentchat:secretKey`. */
  name(key: SettingKey): string;
  /** How to set it there, e.g. "set it with `pulumi config set --secret tencentchat:secretKey <value>`". */
  howToSet(key: SettingKey): string;
}

/** Stack config (`tencentchat:*`): the dynamic resource, the lookups and the native default provider. */
export const STACK_CONFIG_NAMING: SettingNaming = {
  name: (key) => `${CONFIG_NAMESPACE}:${key}`,
  howToSet: (key) => {
    const secret = settingSpec(key).secret ? "--secret " : "";
    return `set it with \`pulumi config set ${secret}${CONFIG_NAMESPACE}:${key} <value>\``;
  },
};

/** The arguments of an explicit `tencentchat` Provider resource named `providerName`. */
export function providerArgumentNaming(providerName: string): SettingNaming {
  return {
    name: (key) => `the ${key} argument of provider "${providerName}"`,
    howToSet: (key) => `pass ${key} to provider "${providerName}" in the program`,
  };
}

/** A setting is missing or malformed; the message names the config key and the env var. */
export class ChatConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChatConfigError";
  }
}

/** A setting's text and where it came from: the program's own setting (config or argument) or the environment. */
interface FoundSetting {
  readonly text: string | undefined;
  readonly origin: "setting" | "env" | "unset";
}

function lookupSetting(spec: SettingSpec, config: ConfigLookup, env: NodeJS.ProcessEnv): FoundSetting {
  const fromConfig = config(`${CONFIG_NAMESPACE}:${spec.key}`);
  if (fromConfig !== undefined && fromConfig !== "") return { text: fromConfig, origin: "setting" };
  const fromEnv = env[spec.envVar];
  return fromEnv === undefined || fromEnv === ""
    ? { text: undefined, origin: "unset" }
    : { text: fromEnv, origin: "env" };
}

/** One problem with one setting; `missing` when it is simply not set (which matters only once the API is called). */
interface SettingProblem {
  /** The setting the problem is reported on. */
  readonly key: SettingKey;
  /** The message: the setting as the user named it, the rule and the fix. */
  readonly reason: string;
  /** The setting is not set at all (not a malformed value). */
  readonly missing: boolean;
}

/**
 * A rule between settings (each row's own rule checks one setting alone). `problem` gets the text
 * of every setting that is set and how messages name a setting; it answers the whole message, or
 * undefined when the rule holds.
 */
interface CrossSettingRule {
  /** The setting the problem is reported on. */
  readonly reportOn: SettingKey;
  readonly problem: (
    texts: Readonly<Partial<Record<SettingKey, string>>>,
    label: (key: SettingKey) => string,
  ) => string | undefined;
}

/** The rules between settings: region and endpoint name the same thing two ways. */
const CROSS_SETTING_RULES: readonly CrossSettingRule[] = [
  {
    reportOn: "endpoint",
    problem: ({ region, endpoint }, label) =>
      region !== undefined && endpoint !== undefined
        ? `${label("region")} ("${region}") and ${label("endpoint")} ("${endpoint}") are both set: ` +
          `keep one (region picks the vendor's domain; endpoint is for the emulator or a proxy).`
        : undefined,
  },
];

/**
 * Resolves the Chat settings, failing with every missing or malformed one
 * named at once. Never echoes the secret key.
 */
export function resolveChatSettings(
  config: ConfigLookup,
  env: NodeJS.ProcessEnv = process.env,
  naming: SettingNaming = STACK_CONFIG_NAMING,
): ChatSettings {
  const { settings, problems } = readChatSettings(config, env, naming);
  if (problems.length > 0) {
    throw new ChatConfigError(
      `Tencent Cloud Chat is not configured:\n  - ${problems.map((problem) => problem.reason).join("\n  - ")}`,
    );
  }
  // No problem means every required row was read and every rule held: the settings are complete.
  return settings as ChatSettings;
}

/**
 * Reads every setting of the table and lists every problem, each naming its key: what
 * resolveChatSettings throws, and what the native plugin's CheckConfig reports setting by setting.
 * The settings are complete only when there is no problem. Never echoes a secret.
 */
export function readChatSettings(
  config: ConfigLookup,
  env: NodeJS.ProcessEnv = process.env,
  naming: SettingNaming = STACK_CONFIG_NAMING,
): { settings: Partial<ChatSettings>; problems: SettingProblem[] } {
  const found = new Map(SETTING_KEYS.map((key) => [key, lookupSetting(settingSpec(key), config, env)]));
  const origin = (key: SettingKey) => found.get(key)!.origin;
  /** The setting as the user set it: its environment variable when it came from there. */
  const label = (key: SettingKey) => (origin(key) === "env" ? settingSpec(key).envVar : naming.name(key));

  const problems: SettingProblem[] = [];
  const values: Record<string, unknown> = {};
  const texts: Partial<Record<SettingKey, string>> = {};
  for (const key of SETTING_KEYS) {
    const spec = settingSpec(key);
    const text = found.get(key)!.text;
    if (text === undefined) {
      if (spec.required) {
        const aside = spec.missingAside ? ` ${spec.missingAside}` : "";
        const fix = `${naming.howToSet(key)} or the ${spec.envVar} environment variable`;
        problems.push({ key, reason: `${label(key)}${aside} is missing: ${fix}.`, missing: true });
      }
      continue;
    }
    texts[key] = text;
    const value = spec.rule.parse(text);
    if (value === undefined) {
      const got = spec.secret ? "" : `; got "${text}"`;
      problems.push({ key, reason: `${label(key)} ${spec.rule.mustBe ?? "is not valid"}${got}.`, missing: false });
    } else {
      values[key] = value;
    }
  }
  for (const rule of CROSS_SETTING_RULES) {
    const reason = rule.problem(texts, label);
    if (reason !== undefined) problems.push({ key: rule.reportOn, reason, missing: false });
  }

  const settingNames = Object.fromEntries(
    SETTING_KEYS.filter((key) => settingSpec(key).hint).map((key) => [
      key,
      origin(key) === "unset" ? `${naming.name(key)} (or ${settingSpec(key).envVar})` : label(key),
    ]),
  );
  return { settings: { ...values, settingNames } as Partial<ChatSettings>, problems };
}
