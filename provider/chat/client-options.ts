/**
 * What a ChatClient can be told, and the checks that turn those options
 * into the settings it runs with: every default applied, every number
 * checked, the base URL resolved. A bad option fails here, naming it,
 * before any request. Loads neither axios nor UserSig signing, so settings
 * code may import it before the plugin prints its port.
 */
import type { HintContext } from "../../chat-api/error-codes";
import { defaultUserAgent } from "../package-info";
import { DEFAULT_CALLS_PER_SECOND, DEFAULT_MAX_CONCURRENT_REQUESTS } from "./rate-limit";
import { DEFAULT_REGION, isLoopbackHost, resolveBaseUrl } from "./regions";
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_THROTTLE_RETRIES,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  DEFAULT_TOTAL_DEADLINE_MS,
  type RetryPolicy,
} from "./retry";

/** One request's own time limit (connect + answer). */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** How long each signed UserSig is valid: one day. */
const DEFAULT_USER_SIG_TTL_SECONDS = 86_400;
/** Renew when this little validity is left (capped at half the TTL for short TTLs). */
const DEFAULT_USER_SIG_RENEW_BEFORE_SECONDS = 3_600;

/** Everything a `ChatClient` can be told; only the app, the admin and the secret key are required. */
export interface ChatClientOptions {
  /** The app's SDKAppID (a number such as 1400000000). */
  readonly sdkAppId: number;
  /** An app admin account; every call is made as this identifier. */
  readonly identifier: string;
  /** The app's secret key; used only to sign UserSigs, never sent, logged or shown. */
  readonly secretKey: string;
  /** The data centre of the SDKAppID (see CHAT_REGIONS); default "china". Ignored when `endpoint` is set. */
  readonly region?: string;
  /** An explicit base URL (the emulator, a proxy). `http://` is allowed only for loopback hosts unless `allowInsecureHttp`. */
  readonly endpoint?: string;
  /** Allow `http://` to a non-loopback endpoint (the UserSig then travels in clear text). */
  readonly allowInsecureHttp?: boolean;
  /** Time limit of each request, in milliseconds; default {@link DEFAULT_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  /** Retries after transient failures; default {@link DEFAULT_MAX_RETRIES}. */
  readonly maxRetries?: number;
  /** Retries after throttling (60007, 60011, 60018, 60019, HTTP 429); default {@link DEFAULT_MAX_THROTTLE_RETRIES}. */
  readonly maxThrottleRetries?: number;
  /** First backoff delay, doubled each retry and jittered by +-20%; default {@link DEFAULT_RETRY_BASE_DELAY_MS}. */
  readonly retryBaseDelayMs?: number;
  /** Longest single backoff delay; default {@link DEFAULT_RETRY_MAX_DELAY_MS}. */
  readonly retryMaxDelayMs?: number;
  /** Deadline of one call, all retries and waits included; default {@link DEFAULT_TOTAL_DEADLINE_MS}. */
  readonly totalDeadlineMs?: number;
  /**
   * Calls per second for this app and endpoint, shared by every client in
   * the process; default {@link DEFAULT_CALLS_PER_SECOND}. 0 turns limiting off for this client.
   */
  readonly callsPerSecond?: number;
  /** Requests in flight at once per app and endpoint; default {@link DEFAULT_MAX_CONCURRENT_REQUESTS}. */
  readonly maxConcurrentRequests?: number;
  /** Validity of each signed UserSig, in seconds; default {@link DEFAULT_USER_SIG_TTL_SECONDS}. */
  readonly userSigTtlSeconds?: number;
  /** Renew the UserSig when this little validity is left (at most half the TTL); default {@link DEFAULT_USER_SIG_RENEW_BEFORE_SECONDS}. */
  readonly userSigRenewBeforeSeconds?: number;
  /** User-Agent header; default `pulumi-tencent-chat/<version> node/<version>`. */
  readonly userAgent?: string;
  /** Receives one line per request, retry and UserSig renewal; never a secret. */
  readonly log?: (line: string) => void;
  /**
   * How the user named each setting (`tencentchat:secretKey`, an explicit provider's `secretKey`
   * argument, `TENCENTCHAT_SECRET_KEY`), so error hints name the one they actually set.
   */
  readonly settingNames?: HintContext["settingNames"];
  /** Clock used for UserSig renewal decisions (tests move it); default Date.now. */
  readonly nowMs?: () => number;
}

/** How one `ChatClient.call` may be retried. */
export interface CallOptions {
  /**
   * Retry after a failure that the server may have applied (dropped
   * connection, timeout, HTTP 5xx, internal-error codes). Default true; a
   * create without a caller-chosen id sets false so a retry cannot create a
   * second account.
   */
  readonly retryWhenPossiblyApplied?: boolean;
}

/** The options a client runs with: checked, defaults applied, the base URL resolved. */
interface CheckedClientOptions {
  /** The app's SDKAppID, a positive integer. */
  readonly sdkAppId: number;
  /** The app admin every call is made as, not blank. */
  readonly identifier: string;
  /** The app's secret key, not empty. */
  readonly secretKey: string;
  /** Every command path is appended to this, without a trailing slash. */
  readonly baseUrl: string;
  /** The region name when the base URL came from a region, undefined for an explicit endpoint. */
  readonly region: string | undefined;
  /** True when the base URL's host never leaves this machine (the emulator). */
  readonly loopbackEndpoint: boolean;
  /** Time limit of each request, in milliseconds. */
  readonly timeoutMs: number;
  /** Retry budgets, backoff and the total deadline of one call (frozen). */
  readonly retryPolicy: Readonly<RetryPolicy>;
  /** The User-Agent header every request carries. */
  readonly userAgent: string;
  /** Validity of each signed UserSig, in whole seconds. */
  readonly userSigTtlSeconds: number;
  /** Renew the UserSig when this little validity is left, in seconds (not capped yet). */
  readonly userSigRenewBeforeSeconds: number;
  /** Calls per second for the shared limiter; 0 turns limiting off. */
  readonly callsPerSecond: number;
  /** Requests in flight at once, a whole number. */
  readonly maxConcurrentRequests: number;
}

function positiveNumber(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new Error(
      `ChatClient: ${name} must be a ${allowZero ? "non-negative" : "positive"} number, got ${String(value)}`,
    );
  }
  return value;
}

function wholeNumber(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  return Math.floor(positiveNumber(name, value, fallback, allowZero));
}

/**
 * Checks `options` in a fixed order (app, admin, secret key, endpoint, time limits, retries, UserSig
 * validity, rate limit) and applies the defaults.
 * @throws Error naming the first unusable option and the rule it breaks.
 */
export function checkClientOptions(options: ChatClientOptions): CheckedClientOptions {
  if (!Number.isSafeInteger(options.sdkAppId) || options.sdkAppId <= 0) {
    throw new Error(
      `ChatClient: sdkAppId must be a positive integer (the SDKAppID from the Chat console), got ${String(options.sdkAppId)}`,
    );
  }
  if (typeof options.identifier !== "string" || options.identifier.trim() === "") {
    throw new Error("ChatClient: identifier (an app admin account) is required");
  }
  if (typeof options.secretKey !== "string" || options.secretKey === "") {
    throw new Error("ChatClient: secretKey is required");
  }
  const baseUrl = resolveBaseUrl(options);
  const timeoutMs = positiveNumber("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS);
  const retryPolicy: Readonly<RetryPolicy> = Object.freeze({
    maxRetries: wholeNumber("maxRetries", options.maxRetries, DEFAULT_MAX_RETRIES, true),
    maxThrottleRetries: wholeNumber(
      "maxThrottleRetries",
      options.maxThrottleRetries,
      DEFAULT_MAX_THROTTLE_RETRIES,
      true,
    ),
    baseDelayMs: positiveNumber("retryBaseDelayMs", options.retryBaseDelayMs, DEFAULT_RETRY_BASE_DELAY_MS, true),
    maxDelayMs: positiveNumber("retryMaxDelayMs", options.retryMaxDelayMs, DEFAULT_RETRY_MAX_DELAY_MS, true),
    totalDeadlineMs: positiveNumber("totalDeadlineMs", options.totalDeadlineMs, DEFAULT_TOTAL_DEADLINE_MS),
  });
  const userSigTtlSeconds = options.userSigTtlSeconds ?? DEFAULT_USER_SIG_TTL_SECONDS;
  if (!Number.isInteger(userSigTtlSeconds) || userSigTtlSeconds <= 0) {
    throw new Error(`userSigTtlSeconds must be a positive integer, got ${userSigTtlSeconds}`);
  }
  const userSigRenewBeforeSeconds = options.userSigRenewBeforeSeconds ?? DEFAULT_USER_SIG_RENEW_BEFORE_SECONDS;
  if (!(userSigRenewBeforeSeconds >= 0)) {
    throw new Error(`userSigRenewBeforeSeconds must be >= 0, got ${userSigRenewBeforeSeconds}`);
  }
  return {
    sdkAppId: options.sdkAppId,
    identifier: options.identifier,
    secretKey: options.secretKey,
    baseUrl,
    region: options.endpoint ? undefined : (options.region ?? DEFAULT_REGION),
    loopbackEndpoint: isLoopbackHost(new URL(baseUrl).hostname),
    timeoutMs,
    retryPolicy,
    userAgent: options.userAgent ?? defaultUserAgent(),
    userSigTtlSeconds,
    userSigRenewBeforeSeconds,
    callsPerSecond: positiveNumber("callsPerSecond", options.callsPerSecond, DEFAULT_CALLS_PER_SECOND, true),
    maxConcurrentRequests: wholeNumber(
      "maxConcurrentRequests",
      options.maxConcurrentRequests,
      DEFAULT_MAX_CONCURRENT_REQUESTS,
    ),
  };
}
