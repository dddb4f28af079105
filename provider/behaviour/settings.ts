/**
 * Where credentials and the endpoint come from: the `tencentchat:` stack
 * config namespace first, then `TENCENTCHAT_*` environment variables.
 * The resource reads them inside the provider process (dynamic `configure`),
 * the lookups in the program; neither ever stores them in state.
 */

/** Reads one fully qualified config key (`tencentchat:sdkAppId`), undefined when unset. */
export type ConfigLookup = (key: string) => string | undefined;

import type { HintContext, HintSetting } from "../../chat-api/error-codes";
import { DEFAULT_CALLS_PER_SECOND } from "../chat/rate-limit";
import { CHAT_REGIONS, DEFAULT_REGION } from "../chat/regions";

export const CONFIG_NAMESPACE = "tencentchat";

export interface SettingSource {
  /** Key inside the `tencentchat:` namespace. */
  readonly key: string;
  readonly envVar: string;
  readonly secret?: boolean;
  /** The value's type in schemas and typed SDKs (stack config always arrives as text). */
  readonly type: "string" | "integer" | "number" | "boolean";
  /** What users see in their editor, the README and the schema. */
  readonly description: string;
}

export const SETTING_SOURCES = {
  sdkAppId: {
    key: "sdkAppId",
    envVar: "TENCENTCHAT_SDKAPPID",
    type: "integer",
    description: "The app's SDKAppID from the Chat console (a number, e.g. 1400123456).",
  },
  identifier: {
    key: "identifier",
    envVar: "TENCENTCHAT_IDENTIFIER",
    type: "string",
    description: "An app admin account; every API call is made as it.",
  },
  secretKey: {
    key: "secretKey",
    envVar: "TENCENTCHAT_SECRET_KEY",
    secret: true,
    type: "string",
    description: "The app's secret key, used only to sign UserSigs. Keep it a secret (`pulumi config set --secret`).",
  },
  region: {
    key: "region",
    envVar: "TENCENTCHAT_REGION",
    type: "string",
    description: `Data centre of the app: ${CHAT_REGIONS.map((region) => `\`${region}\``).join(", ")} (default \`${DEFAULT_REGION}\`).`,
  },
  endpoint: {
    key: "endpoint",
    envVar: "TENCENTCHAT_ENDPOINT",
    type: "string",
    description:
      "An explicit base URL instead of a region: the emulator or a proxy. `http://` only for loopback hosts " +
      "unless allowInsecureHttp is true.",
  },
  allowInsecureHttp: {
    key: "allowInsecureHttp",
    envVar: "TENCENTCHAT_ALLOW_INSECURE_HTTP",
    type: "boolean",
    description: "Allow `http://` to a non-loopback endpoint (the UserSig then travels in clear text). Default false.",
  },
  callsPerSecond: {
    key: "callsPerSecond",
    envVar: "TENCENTCHAT_CALLS_PER_SECOND",
    type: "number",
    description: `Client-side rate limit in calls per second, at most 200 (the API's limit per command); default ${DEFAULT_CALLS_PER_SECOND}.`,
  },
} as const satisfies Record<string, SettingSource>;

/** A setting's description with its environment fallback, as editors, the schema and the SDKs show it. */
export function settingDescription(source: SettingSource): string {
  return `${source.description} Falls back to the ${source.envVar} environment variable.`;
}

/** What a ChatClient needs, resolved and checked. */
export interface ChatSettings {
  readonly sdkAppId: number;
  readonly identifier: string;
  readonly secretKey: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly allowInsecureHttp?: boolean;
  readonly callsPerSecond?: number;
  /** How the user named each setting, for error hints (see {@link SettingNaming}). */
  readonly settingNames?: HintContext["settingNames"];
}

/** A setting's key in the settings table. */
export type SettingKey = keyof typeof SETTING_SOURCES;

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
    const source: SettingSource = SETTING_SOURCES[key];
    const secret = source.secret ? "--secret " : "";
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

/** A value and where it came from: the program's own setting (config or argument) or the environment. */
interface FoundSetting {
  readonly value: string | undefined;
  readonly origin: "setting" | "env" | "unset";
}

function lookupSetting(source: SettingSource, config: ConfigLookup, env: NodeJS.ProcessEnv): FoundSetting {
  const fromConfig = config(`${CONFIG_NAMESPACE}:${source.key}`);
  if (fromConfig !== undefined && fromConfig !== "") return { value: fromConfig, origin: "setting" };
  const fromEnv = env[source.envVar];
  return fromEnv === undefined || fromEnv === ""
    ? { value: undefined, origin: "unset" }
    : { value: fromEnv, origin: "env" };
}

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
  return settings;
}

/** The settings error hints may name. */
const HINT_SETTINGS: readonly (SettingKey & HintSetting)[] = [
  "sdkAppId",
  "identifier",
  "secretKey",
  "region",
  "endpoint",
  "callsPerSecond",
];

/** One problem with one setting; `missing` when it is simply not set (which matters only once the API is called). */
export interface SettingProblem {
  readonly key: keyof typeof SETTING_SOURCES;
  readonly reason: string;
  readonly missing: boolean;
}

/**
 * Reads every setting and lists every problem, each naming its key: what
 * resolveChatSettings throws, and what the native plugin's CheckConfig
 * reports setting by setting. Never echoes the secret key.
 */
export function readChatSettings(
  config: ConfigLookup,
  env: NodeJS.ProcessEnv = process.env,
  naming: SettingNaming = STACK_CONFIG_NAMING,
): { settings: ChatSettings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const problem = (key: SettingProblem["key"], reason: string, missing = false) => {
    problems.push({ key, reason, missing });
  };
  const origins = new Map<SettingKey, FoundSetting["origin"]>();
  const read = (source: SettingSource & { key: SettingKey }) => {
    const found = lookupSetting(source, config, env);
    origins.set(source.key, found.origin);
    return found.value;
  };
  /** The setting as the user set it: its environment variable when it came from there. */
  const label = (key: SettingKey) => (origins.get(key) === "env" ? SETTING_SOURCES[key].envVar : naming.name(key));
  const missing = (key: SettingKey) =>
    `${naming.howToSet(key)} or the ${SETTING_SOURCES[key].envVar} environment variable`;

  const rawAppId = read(SETTING_SOURCES.sdkAppId);
  let sdkAppId = 0;
  if (rawAppId === undefined) {
    problem("sdkAppId", `${label("sdkAppId")} is missing: ${missing("sdkAppId")}.`, true);
  } else if (!/^\d{1,10}$/.test(rawAppId.trim()) || Number(rawAppId) <= 0 || Number(rawAppId) > 0xffffffff) {
    problem(
      "sdkAppId",
      `${label("sdkAppId")} must be the numeric SDKAppID from the Chat console (e.g. 1400000000); got "${rawAppId}".`,
    );
  } else {
    sdkAppId = Number(rawAppId);
  }

  const identifier = read(SETTING_SOURCES.identifier);
  if (identifier === undefined) {
    problem("identifier", `${label("identifier")} (the app admin account) is missing: ${missing("identifier")}.`, true);
  }

  const secretKey = read(SETTING_SOURCES.secretKey);
  if (secretKey === undefined) {
    problem("secretKey", `${label("secretKey")} is missing: ${missing("secretKey")}.`, true);
  }

  const region = read(SETTING_SOURCES.region);
  const endpoint = read(SETTING_SOURCES.endpoint);
  if (region !== undefined && endpoint !== undefined) {
    problem(
      "endpoint",
      `${label("region")} ("${region}") and ${label("endpoint")} ("${endpoint}") are both set: ` +
        `keep one (region picks the vendor's domain; endpoint is for the emulator or a proxy).`,
    );
  }

  const rawInsecure = read(SETTING_SOURCES.allowInsecureHttp);
  let allowInsecureHttp: boolean | undefined;
  if (rawInsecure !== undefined) {
    if (!/^(true|false)$/i.test(rawInsecure)) {
      problem("allowInsecureHttp", `${label("allowInsecureHttp")} must be true or false; got "${rawInsecure}".`);
    } else {
      allowInsecureHttp = rawInsecure.toLowerCase() === "true";
    }
  }

  const rawRate = read(SETTING_SOURCES.callsPerSecond);
  let callsPerSecond: number | undefined;
  if (rawRate !== undefined) {
    const parsed = Number(rawRate);
    if (!Number.isFinite(parsed) || parsed <= 0 || parsed > 200) {
      problem(
        "callsPerSecond",
        `${label("callsPerSecond")} must be a number in (0, 200] (the API allows 200 calls/s); got "${rawRate}".`,
      );
    } else {
      callsPerSecond = parsed;
    }
  }

  return {
    settings: {
      sdkAppId,
      identifier: identifier ?? "",
      secretKey: secretKey ?? "",
      region,
      endpoint,
      allowInsecureHttp,
      callsPerSecond,
      settingNames: Object.fromEntries(
        HINT_SETTINGS.map((key) => [
          key,
          origins.get(key) === "unset" ? `${naming.name(key)} (or ${SETTING_SOURCES[key].envVar})` : label(key),
        ]),
      ),
    },
    problems,
  };
}
