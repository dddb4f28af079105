/**
 * The URL checks every /v4/ call passes before its body is looked at:
 * SDKAppID, admin identifier, a UserSig verified with the app's key, a
 * uint32 `random` and `contenttype=json`, with the vendor's codes.
 */
import { verifyUserSig } from "../chat-api/user-sig";
import { ErrorCode } from "../chat-api/error-codes";
import { CommandFailure } from "./failure";

/** The app a call must be signed for. */
interface AuthSettings {
  /** The SDKAppID callers must send. */
  readonly sdkAppId: number;
  /** The key UserSigs are verified with. */
  readonly secretKey: string;
  /** The app admin: the only identifier allowed to call. */
  readonly identifier: string;
}

const USER_SIG_INFO: Record<number, string> = {
  [ErrorCode.userSigExpired]: "UserSig expired: sign a new one",
  [ErrorCode.userSigEmpty]: "UserSig is empty: pass the admin's UserSig as usersig",
  [ErrorCode.userSigInvalid]: "UserSig check failed: it was not signed with this app's secret key",
  [ErrorCode.identifierMismatch]: "identifier does not match the identifier the UserSig was signed for",
  [ErrorCode.sdkAppIdMismatch]: "sdkappid does not match the SDKAppID the UserSig was signed for",
};

const UINT32_MAX = 4294967295;

/** Throws the vendor's error for the first thing wrong with the query string. */
export function checkQuery(query: URLSearchParams, auth: AuthSettings, nowSeconds?: number): void {
  const sdkAppId = query.get("sdkappid");
  if (!sdkAppId) throw new CommandFailure(ErrorCode.missingSdkAppId, "the request URL needs sdkappid");
  if (!/^\d{1,20}$/.test(sdkAppId) || Number(sdkAppId) !== auth.sdkAppId) {
    throw new CommandFailure(ErrorCode.badSdkAppId, `invalid SDKAppID ${JSON.stringify(sdkAppId.slice(0, 40))}`);
  }
  const identifier = query.get("identifier");
  if (!identifier)
    throw new CommandFailure(ErrorCode.badIdentifier, "the request URL needs identifier (an app admin account)");
  const verdict = verifyUserSig(query.get("usersig") ?? undefined, {
    sdkAppId: auth.sdkAppId,
    secretKey: auth.secretKey,
    identifier,
    nowSeconds,
  });
  if (!verdict.ok) throw new CommandFailure(verdict.code, USER_SIG_INFO[verdict.code]);
  if (identifier !== auth.identifier) {
    throw new CommandFailure(
      ErrorCode.adminRequired,
      "this call needs App admin permission: identifier is not an app admin",
    );
  }
  const random = query.get("random");
  if (random === null || !/^\d{1,10}$/.test(random) || Number(random) > UINT32_MAX) {
    throw new CommandFailure(ErrorCode.urlParse, "URL parse error: random must be an unsigned 32-bit integer");
  }
  if (query.get("contenttype") !== "json") {
    throw new CommandFailure(ErrorCode.urlParse, "URL parse error: contenttype must be json");
  }
}
