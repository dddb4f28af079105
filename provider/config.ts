/**
 * Where credentials and the endpoint come from: the `tencentchat:` stack
 * config namespace first, then `TENCENTCHAT_*` environment variables.
 * The resource reads them inside the provider process (dynamic `configure`),
 * the lookups in the program; neither ever stores them in state.
 */

/** Reads one fully qualified config key (`tencentchat:sdkAppId`), undefined when unset. */
export type ConfigLookup = (key: string) => string | undefined;

export const CONFIG_NAMESPACE = "tencentchat";

interface SettingSource {
  /** Key inside the `tencentchat:` namespace. */
  readonly key: string;
  readonly envVar: string;
  readonly secret?: boolean;
}

export const SETTING_SOURCES = {
  sdkAppId: { key: "sdkAppId", envVar: "TENCENTCHAT_SDKAPPID" },
  identifier: { key: "identifier", envVar: "TENCENTCHAT_IDENTIFIER" },
  secretKey: { key: "secretKey", envVar: "TENCENTCHAT_SECRET_KEY", secret: true },
  region: { key: "region", envVar: "TENCENTCHAT_REGION" },
  endpoint: { key: "endpoint", envVar: "TENCENTCHAT_ENDPOINT" },
  allowInsecureHttp: { key: "allowInsecureHttp", envVar: "TENCENTCHAT_ALLOW_INSECURE_HTTP" },
  callsPerSecond: { key: "callsPerSecond", envVar: "TENCENTCHAT_CALLS_PER_SECOND" },
} as const satisfies Record<string, SettingSource>;

/** What a ChatClient needs, resolved and checked. */
export interface ChatSettings {
  readonly sdkAppId: number;
  readonly identifier: string;
  readonly secretKey: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly allowInsecureHttp?: boolean;
  readonly callsPerSecond?: number;
}

/** A setting is missing or malformed; the message names the config key and the env var. */
export class ChatConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChatConfigError";
  }
}

function describeSource(source: SettingSource): string {
  const set = source.secret
    ? `pulumi config set --secret ${CONFIG_NAMESPACE}:${source.key} <value>`
    : `pulumi config set ${CONFIG_NAMESPACE}:${source.key} <value>`;
  return `set it with \`${set}\` or the ${source.envVar} environment variable`;
}

function lookupSetting(source: SettingSource, config: ConfigLookup, env: NodeJS.ProcessEnv): string | undefined {
  const fromConfig = config(`${CONFIG_NAMESPACE}:${source.key}`);
  if (fromConfig !== undefined && fromConfig !== "") return fromConfig;
  const fromEnv = env[source.envVar];
  return fromEnv === undefined || fromEnv === "" ? undefined : fromEnv;
}

/**
 * Resolves the Chat settings, failing with every missing or malformed one
 * named at once. Never echoes the secret key.
 */
export function resolveChatSettings(config: ConfigLookup, env: NodeJS.ProcessEnv = process.env): ChatSettings {
  const problems: string[] = [];
  const read = (source: SettingSource) => lookupSetting(source, config, env);

  const rawAppId = read(SETTING_SOURCES.sdkAppId);
  let sdkAppId = 0;
  if (rawAppId === undefined) {
    problems.push(`${CONFIG_NAMESPACE}:sdkAppId is missing: ${describeSource(SETTING_SOURCES.sdkAppId)}.`);
  } else if (!/^\d{1,10}$/.test(rawAppId.trim()) || Number(rawAppId) <= 0 || Number(rawAppId) > 0xffffffff) {
    problems.push(
      `${CONFIG_NAMESPACE}:sdkAppId must be the numeric SDKAppID from the Chat console (e.g. 1400000000); got "${rawAppId}".`,
    );
  } else {
    sdkAppId = Number(rawAppId);
  }

  const identifier = read(SETTING_SOURCES.identifier);
  if (identifier === undefined) {
    problems.push(
      `${CONFIG_NAMESPACE}:identifier (the app admin account) is missing: ${describeSource(SETTING_SOURCES.identifier)}.`,
    );
  }

  const secretKey = read(SETTING_SOURCES.secretKey);
  if (secretKey === undefined) {
    problems.push(`${CONFIG_NAMESPACE}:secretKey is missing: ${describeSource(SETTING_SOURCES.secretKey)}.`);
  }

  const region = read(SETTING_SOURCES.region);
  const endpoint = read(SETTING_SOURCES.endpoint);
  if (region !== undefined && endpoint !== undefined) {
    problems.push(
      `${CONFIG_NAMESPACE}:region ("${region}") and ${CONFIG_NAMESPACE}:endpoint ("${endpoint}") are both set: ` +
        `keep one (region picks the vendor's domain; endpoint is for the emulator or a proxy).`,
    );
  }

  const rawInsecure = read(SETTING_SOURCES.allowInsecureHttp);
  let allowInsecureHttp: boolean | undefined;
  if (rawInsecure !== undefined) {
    if (!/^(true|false)$/i.test(rawInsecure)) {
      problems.push(`${CONFIG_NAMESPACE}:allowInsecureHttp must be true or false; got "${rawInsecure}".`);
    } else {
      allowInsecureHttp = rawInsecure.toLowerCase() === "true";
    }
  }

  const rawRate = read(SETTING_SOURCES.callsPerSecond);
  let callsPerSecond: number | undefined;
  if (rawRate !== undefined) {
    const parsed = Number(rawRate);
    if (!Number.isFinite(parsed) || parsed <= 0 || parsed > 200) {
      problems.push(
        `${CONFIG_NAMESPACE}:callsPerSecond must be a number in (0, 200] (the API allows 200 calls/s); got "${rawRate}".`,
      );
    } else {
      callsPerSecond = parsed;
    }
  }

  if (problems.length > 0) {
    throw new ChatConfigError(`Tencent Cloud Chat is not configured:\n  - ${problems.join("\n  - ")}`);
  }
  return {
    sdkAppId,
    identifier: identifier!,
    secretKey: secretKey!,
    region,
    endpoint,
    allowInsecureHttp,
    callsPerSecond,
  };
}
