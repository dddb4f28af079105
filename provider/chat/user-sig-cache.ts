/**
 * The admin UserSig, signed once and reused until it is close to expiry.
 * Signing is cheap, but reusing one sig keeps every request's query string
 * the same length and lets a 70001 be answered with exactly one renewal.
 */
import { inspect } from "node:util";
import { signUserSig } from "../../chat-api/user-sig";

/** How long each signed UserSig is valid: one day. */
export const DEFAULT_USER_SIG_TTL_SECONDS = 86_400;
/** Renew when this little validity is left (capped at half the TTL for short TTLs). */
export const DEFAULT_USER_SIG_RENEW_BEFORE_SECONDS = 3_600;

export interface UserSigCacheOptions {
  sdkAppId: number;
  identifier: string;
  ttlSeconds?: number;
  renewBeforeSeconds?: number;
  /** Clock used to decide when to renew; tests move it. */
  nowMs?: () => number;
  log?: (line: string) => void;
}

export class UserSigCache {
  readonly #secretKey: string;
  readonly #options: UserSigCacheOptions;
  readonly #ttlSeconds: number;
  readonly #renewBeforeMs: number;
  #sig: string | undefined;
  /** The last few sigs handed out, so a redactor still recognizes one just replaced. */
  readonly #recent: string[] = [];
  #renewAtMs = 0;
  #signed = 0;

  constructor(secretKey: string, options: UserSigCacheOptions) {
    this.#secretKey = secretKey;
    this.#options = options;
    this.#ttlSeconds = options.ttlSeconds ?? DEFAULT_USER_SIG_TTL_SECONDS;
    if (!Number.isInteger(this.#ttlSeconds) || this.#ttlSeconds <= 0) {
      throw new Error(`userSigTtlSeconds must be a positive integer, got ${this.#ttlSeconds}`);
    }
    const renewBefore = options.renewBeforeSeconds ?? DEFAULT_USER_SIG_RENEW_BEFORE_SECONDS;
    if (!(renewBefore >= 0)) throw new Error(`userSigRenewBeforeSeconds must be >= 0, got ${renewBefore}`);
    this.#renewBeforeMs = Math.min(renewBefore, this.#ttlSeconds / 2) * 1000;
  }

  #now(): number {
    return (this.#options.nowMs ?? Date.now)();
  }

  /** The current UserSig, signed afresh when none is cached or it is due for renewal. */
  get(): string {
    if (this.#sig === undefined || this.#now() >= this.#renewAtMs) {
      const reason = this.#sig === undefined ? "first use" : "due for renewal";
      this.#sign(reason);
    }
    return this.#sig as string;
  }

  /** Drops `sig` (the one the server refused) so the next `get` signs a new one; a newer sig is kept. */
  invalidate(sig: string): void {
    if (this.#sig === sig) this.#sig = undefined;
  }

  /** The sigs this cache handed out lately, newest last (for redaction, never for display). */
  recent(): readonly string[] {
    return this.#recent;
  }

  /** How many times a sig has been signed (for tests and diagnostics). */
  get signCount(): number {
    return this.#signed;
  }

  #sign(reason: string): void {
    const { sdkAppId, identifier } = this.#options;
    this.#sig = signUserSig(sdkAppId, this.#secretKey, identifier, this.#ttlSeconds);
    this.#recent.push(this.#sig);
    if (this.#recent.length > 4) this.#recent.shift();
    this.#renewAtMs = this.#now() + this.#ttlSeconds * 1000 - this.#renewBeforeMs;
    this.#signed++;
    this.#options.log?.(
      `chat: signed a UserSig for ${identifier} (${reason}; valid ${this.#ttlSeconds} s, renewed after ${Math.round((this.#renewAtMs - this.#now()) / 1000)} s)`,
    );
  }

  toJSON(): Record<string, unknown> {
    return { identifier: this.#options.identifier, signCount: this.#signed };
  }

  [inspect.custom](): string {
    return `UserSigCache { identifier: ${JSON.stringify(this.#options.identifier)}, signCount: ${this.#signed} }`;
  }
}
