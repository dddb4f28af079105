/**
 * Retries with exponential backoff and jitter, as a wrapper around one
 * attempt function. Transient failures and throttling have separate budgets
 * (a throttled burst should eventually pass, a broken service should not be
 * hammered); a total deadline bounds the whole call.
 */
import { abortableSleep } from "./call-observer";

/** Delay before the first retry; doubles each retry (the vendor's Java SDK uses the same). */
export const DEFAULT_RETRY_BASE_DELAY_MS = 200;
/** Upper bound of one backoff delay. */
export const DEFAULT_RETRY_MAX_DELAY_MS = 10_000;
/** Retries after transient failures (network, timeout, 5xx, internal-error codes). */
export const DEFAULT_MAX_RETRIES = 3;
/** Retries after throttling codes (60007, 60011, 60018, 60019) and HTTP 429. */
export const DEFAULT_MAX_THROTTLE_RETRIES = 10;
/** The whole call, every attempt and wait included, ends by this deadline. */
export const DEFAULT_TOTAL_DEADLINE_MS = 60_000;
/** Jitter multiplies each delay by a factor in [1 - j, 1 + j]. */
const RETRY_JITTER = 0.2;

/** The budgets and delays of one call's retries. */
export interface RetryPolicy {
  /** Retries after transient failures. */
  readonly maxRetries: number;
  /** Retries after throttling, a budget of its own. */
  readonly maxThrottleRetries: number;
  /** Delay before the first retry of each kind, in milliseconds; doubled each retry. */
  readonly baseDelayMs: number;
  /** Longest single delay, in milliseconds. */
  readonly maxDelayMs: number;
  /** The whole call, every attempt and wait included, ends by this many milliseconds after it started. */
  readonly totalDeadlineMs: number;
}

/**
 * How a failure is retried:
 * - `transient` and `throttle`: after a backoff, each within its own budget;
 * - `immediate`: at once, not counted against either budget (the caller
 *   bounds it, e.g. one UserSig renewal per call);
 * - `none`: not retried.
 */
export type RetryKind = "transient" | "throttle" | "immediate" | "none";

/** The delay before retry number `retryIndex` (0 = the first retry): base x 2^n, jittered, capped. */
export function backoffDelayMs(
  retryIndex: number,
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  random: () => number = Math.random,
): number {
  const exponential = policy.baseDelayMs * 2 ** Math.min(retryIndex, 30);
  const jitter = 1 - RETRY_JITTER + 2 * RETRY_JITTER * random();
  return Math.max(0, Math.min(policy.maxDelayMs, Math.round(exponential * jitter)));
}

/** What one attempt is told. */
interface AttemptContext {
  /** 1 for the first request, 2 for the first retry, ... */
  readonly attempt: number;
  /** Milliseconds left before the total deadline. */
  readonly remainingMs: number;
}

/** A failed attempt that is about to be retried, as {@link withRetries} tells its caller (the client passes it on to observers as a `RetryNotice`). */
interface RetryEvent {
  /** What the attempt threw. */
  readonly error: unknown;
  /** The attempt that failed (1-based). */
  readonly attempt: number;
  /** How it is retried. */
  readonly kind: Exclude<RetryKind, "none">;
  /** The wait before the next attempt, in milliseconds. */
  readonly delayMs: number;
}

/** Why the last failure was rethrown. */
type GiveUpReason = "not-retryable" | "retries-exhausted" | "deadline";

/** How {@link withRetries} retries, and what it tells its caller. */
interface RetryOptions {
  /** Budgets, delays and the total deadline. */
  readonly policy: RetryPolicy;
  /** Decides whether and how a failure is retried; may have side effects (e.g. drop a cached UserSig). */
  readonly classify: (error: unknown, attempt: number) => RetryKind;
  /** Called before each wait for a retry. */
  readonly onRetry?: (event: RetryEvent) => void;
  /** Called once before the last failure is rethrown. */
  readonly onGiveUp?: (error: unknown, attempts: number, reason: GiveUpReason) => void;
  /** Waits between attempts; default a timer that the signal ends early. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Ends a backoff wait early when it aborts; the next attempt then decides (it should fail at once). */
  readonly signal?: AbortSignal;
  /** The clock of the deadline, in milliseconds; default Date.now. */
  readonly now?: () => number;
  /** A number in [0, 1) for the jitter; default Math.random. */
  readonly random?: () => number;
}

/**
 * Runs `attempt` until it succeeds, a failure is not retryable, a budget is
 * spent, or the next wait would pass the deadline; then rethrows the last
 * failure. Every retry calls `attempt` afresh (a new request).
 */
export async function withRetries<T>(
  attempt: (context: AttemptContext) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => abortableSleep(ms, options.signal));
  const { policy } = options;
  const deadline = now() + policy.totalDeadlineMs;
  let transientRetries = 0;
  let throttleRetries = 0;
  for (let n = 1; ; n++) {
    try {
      return await attempt({ attempt: n, remainingMs: Math.max(0, deadline - now()) });
    } catch (error) {
      const kind = options.classify(error, n);
      const giveUp = (reason: GiveUpReason): never => {
        options.onGiveUp?.(error, n, reason);
        throw error;
      };
      if (kind === "none") giveUp("not-retryable");
      let delayMs = 0;
      if (kind === "transient") {
        if (transientRetries >= policy.maxRetries) giveUp("retries-exhausted");
        delayMs = backoffDelayMs(transientRetries++, policy, options.random);
      } else if (kind === "throttle") {
        if (throttleRetries >= policy.maxThrottleRetries) giveUp("retries-exhausted");
        delayMs = backoffDelayMs(throttleRetries++, policy, options.random);
      }
      // Leave the next attempt at least a few milliseconds of its own.
      if (now() + delayMs + 5 >= deadline) giveUp("deadline");
      options.onRetry?.({ error, attempt: n, kind: kind as RetryEvent["kind"], delayMs });
      if (delayMs > 0) await sleep(delayMs);
    }
  }
}
