/**
 * One API client per set of settings, per process: every resource and lookup
 * of an engine run that shares settings shares one read batcher and one rate
 * limiter. Both front doors take their clients from here.
 */
import { createHash } from "node:crypto";
import { ChatClient, OfficialAccountsApi } from "../chat";
import type { ChatSettings } from "./settings";

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
