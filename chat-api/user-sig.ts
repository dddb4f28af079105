/**
 * UserSig: signing with the vendor's tls-sig-api-v2, and a verifier that
 * reverses the same format (the vendor ships none; the emulator needs one).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { inflateSync } from "node:zlib";
import { Api } from "tls-sig-api-v2";

/** Signs a UserSig for `identifier`, valid for `expireSeconds` from now. */
export function signUserSig(sdkAppId: number, secretKey: string, identifier: string, expireSeconds: number): string {
  return new Api(sdkAppId, secretKey).genUserSig(identifier, expireSeconds);
}

/** Why a UserSig was refused, as the vendor's error codes say it. */
type UserSigFailure =
  | { readonly ok: false; readonly code: 70002; readonly reason: "empty" }
  | { readonly ok: false; readonly code: 70003; readonly reason: "malformed" | "bad-signature" }
  | { readonly ok: false; readonly code: 70001; readonly reason: "expired" }
  | { readonly ok: false; readonly code: 70013; readonly reason: "identifier-mismatch" }
  | { readonly ok: false; readonly code: 70014; readonly reason: "sdkappid-mismatch" };

/** What a UserSig says about itself. */
interface UserSigClaims {
  /** The identifier it was signed for. */
  readonly identifier: string;
  /** The SDKAppID it was signed for. */
  readonly sdkAppId: number;
  /** Unix seconds when it was signed. */
  readonly time: number;
  /** Seconds it stays valid after `time`. */
  readonly expire: number;
}

/** {@link verifyUserSig}'s answer: the claims of a good UserSig, or why it was refused. */
type UserSigVerdict = ({ readonly ok: true } & UserSigClaims) | UserSigFailure;

/** What {@link verifyUserSig} checks a UserSig against. */
interface VerifyUserSigOptions {
  /** The app's SDKAppID. */
  readonly sdkAppId: number;
  /** The app's secret key, which signed the UserSig. */
  readonly secretKey: string;
  /** The identifier the caller says it is. */
  readonly identifier: string;
  /** Unix seconds to check expiry against; defaults to now. */
  readonly nowSeconds?: number;
}

function unescapeBase64(sig: string): string {
  return sig.replace(/\*/g, "+").replace(/-/g, "/").replace(/_/g, "=");
}

/** Decodes a UserSig's claims without checking the signature. */
export function decodeUserSig(
  sig: string,
): (UserSigClaims & { readonly sig: string; readonly userBuf?: string }) | undefined {
  try {
    const json = inflateSync(Buffer.from(unescapeBase64(sig), "base64")).toString("utf8");
    const doc = JSON.parse(json) as Record<string, unknown>;
    const identifier = doc["TLS.identifier"];
    const sdkAppId = Number(doc["TLS.sdkappid"]);
    const time = Number(doc["TLS.time"]);
    const expire = Number(doc["TLS.expire"]);
    const signature = doc["TLS.sig"];
    const userBuf = doc["TLS.userbuf"];
    if (typeof identifier !== "string" || typeof signature !== "string") return undefined;
    if (![sdkAppId, time, expire].every(Number.isFinite)) return undefined;
    return {
      identifier,
      sdkAppId,
      time,
      expire,
      sig: signature,
      userBuf: typeof userBuf === "string" ? userBuf : undefined,
    };
  } catch {
    return undefined;
  }
}

/**
 * Checks a UserSig the way the Chat service does: SDKAppID (70014),
 * identifier (70013), expiry (70001), then the HMAC (70003).
 */
export function verifyUserSig(sig: string | undefined, options: VerifyUserSigOptions): UserSigVerdict {
  if (!sig) return { ok: false, code: 70002, reason: "empty" };
  const claims = decodeUserSig(sig);
  if (!claims) return { ok: false, code: 70003, reason: "malformed" };
  if (claims.sdkAppId !== options.sdkAppId) return { ok: false, code: 70014, reason: "sdkappid-mismatch" };
  if (claims.identifier !== options.identifier) return { ok: false, code: 70013, reason: "identifier-mismatch" };
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (claims.time + claims.expire < now) return { ok: false, code: 70001, reason: "expired" };
  let content =
    `TLS.identifier:${claims.identifier}\n` +
    `TLS.sdkappid:${claims.sdkAppId}\n` +
    `TLS.time:${claims.time}\n` +
    `TLS.expire:${claims.expire}\n`;
  if (claims.userBuf !== undefined) content += `TLS.userbuf:${claims.userBuf}\n`;
  const want = createHmac("sha256", options.secretKey).update(content).digest();
  const got = Buffer.from(claims.sig, "base64");
  if (got.length !== want.length || !timingSafeEqual(got, want)) {
    return { ok: false, code: 70003, reason: "bad-signature" };
  }
  return {
    ok: true,
    identifier: claims.identifier,
    sdkAppId: claims.sdkAppId,
    time: claims.time,
    expire: claims.expire,
  };
}
