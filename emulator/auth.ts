/**
 * The URL checks every /v4/ call passes before its body is looked at:
 * SDKAppID, admin identifier, a UserSig verified with the app's key, a
 * uint32 `random` and `contenttype=json`, with the vendor's codes.
 */
import { verifyUserSig } from "../provider/chat/user-sig";
import { ChatError, Code } from "./codes";

export interface AuthSettings {
  sdkAppId: number;
  secretKey: string;
  admin: string;
}

const USER_SIG_INFO: Record<number, string> = {
  [Code.userSigExpired]: "UserSig expired: sign a new one",
  [Code.userSigEmpty]: "UserSig is empty: pass the admin's UserSig as usersig",
  [Code.userSigInvalid]: "UserSig check failed: it was not signed with this app's secret key",
  [Code.identifierMismatch]: "identifier does not match the identifier the UserSig was signed for",
  [Code.sdkAppIdMismatch]: "sdkappid does not match the SDKAppID the UserSig was signed for",
};

const UINT32_MAX = 4294967295;

/** Throws the vendor's error for the first thing wrong with the query string. */
export function checkQuery(query: URLSearchParams, auth: AuthSettings, nowSeconds?: number): void {
  const sdkAppId = query.get("sdkappid");
  if (!sdkAppId) throw new ChatError(Code.missingSdkAppId, "the request URL needs sdkappid");
  if (!/^\d{1,20}$/.test(sdkAppId) || Number(sdkAppId) !== auth.sdkAppId) {
    throw new ChatError(Code.badSdkAppId, `invalid SDKAppID ${JSON.stringify(sdkAppId.slice(0, 40))}`);
  }
  const identifier = query.get("identifier");
  if (!identifier) throw new ChatError(Code.badIdentifier, "the request URL needs identifier (an app admin account)");
  const verdict = verifyUserSig(query.get("usersig") ?? undefined, {
    sdkAppId: auth.sdkAppId,
    secretKey: auth.secretKey,
    identifier,
    nowSeconds,
  });
  if (!verdict.ok) throw new ChatError(verdict.code, USER_SIG_INFO[verdict.code]);
  if (identifier !== auth.admin) {
    throw new ChatError(Code.adminRequired, "this call needs App admin permission: identifier is not an app admin");
  }
  const random = query.get("random");
  if (random === null || !/^\d{1,10}$/.test(random) || Number(random) > UINT32_MAX) {
    throw new ChatError(Code.urlParse, "URL parse error: random must be an unsigned 32-bit integer");
  }
  if (query.get("contenttype") !== "json") {
    throw new ChatError(Code.urlParse, "URL parse error: contenttype must be json");
  }
}
