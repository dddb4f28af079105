/**
 * The admin UserSig, signed once and reused until it is close to expiry.
 * Signing is cheap, but reusing one sig keeps every request's query string
 * the same length and lets a 70001 be answered with exactly one renewal.
 */
import { inspect } from "node:util";
import { signUserSig } from "../../chat-api/user-sig";

/** What the cache signs for, and when it renews; the values are already checked (client-options.ts). */
interface UserSigCacheOptions {
  /** The app's SDKAppID. */
  readonly sdkAppId: number;
  /** The app admin the sig is signed for. */
  readonly identifier: string;
  /** Validity of each signed sig, in whole seconds. */
  readonly ttlSeconds: number;
  /** Renew when this little validity is left (capped at half the TTL for short TTLs). */
  readonly renewBeforeSeconds: number;
  /** Clock used to decide when to renew; tests move it. */
  readonly nowMs?: () => number;
  /** Receives one line per signature; never the sig itself. */
  readonly log?: (line: string) => void;
}

/** The admin UserSig of one client, signed on first use and renewed before it expires. */
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

  /**
   * @param secretKey the app's secret key; kept private, never shown.
   * @param options what to sign for and when to renew.
   */
  constructor(secretKey: string, options: UserSigCacheOptions) {
    this.#secretKey = secretKey;
    this.#options = options;
    this.#ttlSeconds = options.ttlSeconds;
    this.#renewBeforeMs = Math.min(options.renewBeforeSeconds, this.#ttlSeconds / 2) * 1000;
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

  /** The identifier and sign count, never a sig or the key. */
  toJSON(): Record<string, unknown> {
    return { identifier: this.#options.identifier, signCount: this.#signed };
  }

  /** As {@link toJSON}: what `console.log` and `util.inspect` show. */
  [inspect.custom](): string {
    return `UserSigCache { identifier: ${JSON.stringify(this.#options.identifier)}, signCount: ${this.#signed} }`;
  }
}
