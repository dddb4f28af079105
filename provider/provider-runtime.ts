/**
 * What the serialized provider shim requires at run time, by package name
 * (`pulumi-tencent-chat/provider-runtime`). Keep this module's exports
 * stable: shims stored in existing stacks' state call them.
 *
 * Per-process state lives here (a real module, not a serialized closure):
 * one API client per set of settings, so every resource in an engine run
 * shares one read batcher and one rate limiter.
 */
import { createHash } from "node:crypto";
import { ChatClient, OfficialAccountsApi } from "./chat";
import { resolveChatSettings, type ChatSettings, type ConfigLookup } from "./config";
import { OfficialAccountCreatedButUnreadError } from "./errors";
import { OfficialAccountProvider } from "./official-account-provider";

const apis = new Map<string, OfficialAccountsApi>();

function settingsKey(settings: ChatSettings): string {
  // The secret is part of the identity of a client but never kept in readable form.
  const secretDigest = createHash("sha256").update(settings.secretKey).digest("hex");
  return JSON.stringify([
    settings.sdkAppId,
    settings.identifier,
    settings.region,
    settings.endpoint,
    settings.allowInsecureHttp,
    settings.callsPerSecond,
    settings.settingNames, // messages name the settings as this provider's user set them
    secretDigest,
  ]);
}

/** The API client for these settings, made once per process. */
export function officialAccountsApiFor(settings: ChatSettings): OfficialAccountsApi {
  const key = settingsKey(settings);
  let api = apis.get(key);
  if (!api) {
    api = new OfficialAccountsApi(new ChatClient(settings));
    apis.set(key, api);
  }
  return api;
}

/**
 * A provider reading its settings from `config` (the dynamic `configure`
 * hook's stack config) with `TENCENTCHAT_*` environment variables as the
 * fallback. Settings are resolved on the first API call, so `check` and
 * `diff` (and so `pulumi preview`) need no credentials.
 */
export function officialAccountProvider(config?: { get(key: string): string | undefined }): OfficialAccountProvider {
  const lookup: ConfigLookup = (key) => config?.get(key);
  let api: OfficialAccountsApi | undefined;
  return new OfficialAccountProvider(() => (api ??= officialAccountsApiFor(resolveChatSettings(lookup))));
}

const PROVIDER_METHODS = ["check", "diff", "create", "read", "update", "delete"] as const;

/**
 * Called by the serialized shim's `configure` (see official-account.ts):
 * gives the shim the methods of a provider reading `config`, so the text
 * stored in state stays one method long.
 */
export function configureShim(shim: Record<string, unknown>, config?: { get(key: string): string | undefined }): void {
  const provider = officialAccountProvider(config);
  for (const method of PROVIDER_METHODS) shim[method] = provider[method].bind(provider);
  shim.create = (props: Record<string, unknown>) =>
    provider.create(props).catch((error: unknown) => {
      // The dynamic host records a partial create's properties as given: keep the serialized provider in
      // them, as its successful creates do, so later reads and deletes of the resource find their code.
      if (error instanceof OfficialAccountCreatedButUnreadError) error.properties.__provider = props.__provider;
      throw error;
    });
}
