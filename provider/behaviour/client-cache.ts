/**
 * One API client per set of settings, per process: every resource and lookup
 * of an engine run that shares settings shares one read batcher and one rate
 * limiter. Both front doors take their clients from here.
 */
import { createHash } from "node:crypto";
import { ChatClient, OfficialAccountsApi } from "../chat";
import type { ChatClientOptions } from "../chat/client-options";
import { SETTING_KEYS, settingSpec, type ChatSettings, type SettingKey } from "./settings";

const sharedApis = new Map<string, OfficialAccountsApi>();

/**
 * What makes two sets of settings one client: every setting of the settings table by its resolved
 * value (a secret only as a digest: part of the client's identity, never kept in readable form),
 * and how messages name the settings (they are as this provider's user set them).
 */
function cacheKeyOf(settings: ChatSettings): string {
  const values = SETTING_KEYS.map((key) => {
    const value = settings[key];
    if (value === undefined) return [key, null];
    return [key, settingSpec(key).secret ? createHash("sha256").update(String(value)).digest("hex") : value];
  });
  return JSON.stringify([values, settings.settingNames ?? null]);
}

/** The API client of these settings, shared by every caller in the process that has the same settings. */
export function sharedOfficialAccountsApi(settings: ChatSettings): OfficialAccountsApi {
  const key = cacheKeyOf(settings);
  let api = sharedApis.get(key);
  if (!api) {
    // Every setting is a client option: a row the client does not know would not compile here.
    api = new OfficialAccountsApi(new ChatClient(settings satisfies Pick<ChatClientOptions, SettingKey>));
    sharedApis.set(key, api);
  }
  return api;
}
