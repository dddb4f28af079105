/**
 * Who is watching a call: a front door that wants to tell its user about
 * retries, slow answers and the client's own log lines, and that can stop
 * the call's waits. Neutral on purpose (this folder never imports Pulumi):
 * the native plugin turns these notices into engine diagnostics per
 * resource. An observer is given for a stretch of work with
 * {@link observingCalls}; every Chat call made inside it, however deep,
 * reports to it (a batched read reports to the resource whose read opened
 * the batch).
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** A failed attempt that is about to be retried. */
export interface RetryNotice {
  /** The command, e.g. `create_official_account`. */
  readonly command: string;
  /** The API's ErrorCode, or -1 for a network failure or HTTP status. */
  readonly code: number;
  /** What the code means, in a few words (e.g. "REST call frequency exceeded"). */
  readonly meaning: string;
  /** The attempt that failed (1-based). */
  readonly attempt: number;
  /** The wait before the next attempt, in milliseconds (the backoff delay, as `retryBaseDelayMs` and `retryMaxDelayMs` bound it). */
  readonly delayMs: number;
  /** `throttle` when the service asked to slow down, `transient` for a temporary fault, `immediate` after a UserSig renewal. */
  readonly kind: "transient" | "throttle" | "immediate";
}

/** A call still waiting after a while: for its answer, or for its turn under the rate limit. */
export interface SlowCallNotice {
  /** The command, e.g. `get_official_account_info`. */
  readonly command: string;
  /** The attempt that is waiting (1-based). */
  readonly attempt: number;
  /** Milliseconds waited so far. */
  readonly waitedMs: number;
}

/** What a front door may watch and control in the calls made on its behalf. */
export interface CallObserver {
  /** A failed attempt is retried after `delayMs`. */
  onRetry?(notice: RetryNotice): void;
  /** An attempt has waited {@link SLOW_CALL_NOTICE_MS} without an answer. */
  onSlow?(notice: SlowCallNotice): void;
  /** One line of the client's log (requests, answers, retries); never a secret. */
  onLog?(line: string): void;
  /**
   * Aborting it stops the waits (backoff, rate limit) at once and starts no
   * new attempt; a request already sent is let finish (within the client's
   * timeout), so its outcome is known rather than guessed.
   */
  readonly signal?: AbortSignal;
}

/** How long an attempt may wait before its observer hears it is slow. */
export const SLOW_CALL_NOTICE_MS = 2_000;

const current = new AsyncLocalStorage<CallObserver>();

/** Runs `work` with every Chat call inside it reporting to `observer`. */
export function observingCalls<T>(observer: CallObserver, work: () => T): T {
  return current.run(observer, work);
}

/** The observer of the work in progress, if any. */
export function currentCallObserver(): CallObserver | undefined {
  return current.getStore();
}

/** Resolves after `ms`, or at once when `signal` aborts (the caller then checks the signal). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
