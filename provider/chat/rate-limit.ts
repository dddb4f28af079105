/**
 * One rate limiter per process for each (SDKAppID, base URL): the API allows
 * 200 calls/s per app, and every client in the process (the provider makes
 * one per resource operation) must share that budget. Calls are spaced evenly
 * (`minTime`) rather than released in bursts, so no 1-second window, however
 * it is aligned, sees more than `callsPerSecond` (+1) requests start.
 */
import Bottleneck from "bottleneck";

/** Below the documented 200 calls/s, leaving room for clock and network jitter. */
export const DEFAULT_CALLS_PER_SECOND = 190;
/** Requests in flight at once per limiter (bounds sockets when the API is slow). */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 64;

export interface RateLimiter {
  /** Runs `job` when the budget allows. */
  schedule<T>(job: () => Promise<T>): Promise<T>;
  /** The key shared by every client of the same app and endpoint. */
  readonly key: string;
  /** The current rate (the lowest any client of this key asked for); Infinity when unlimited. */
  readonly callsPerSecond: number;
  /** Jobs waiting for their turn. */
  readonly queued: number;
}

class BottleneckRateLimiter implements RateLimiter {
  readonly #limiter: Bottleneck;
  #callsPerSecond: number;
  #maxConcurrent: number;

  constructor(
    readonly key: string,
    callsPerSecond: number,
    maxConcurrent: number,
  ) {
    this.#callsPerSecond = callsPerSecond;
    this.#maxConcurrent = maxConcurrent;
    this.#limiter = new Bottleneck({ minTime: 1000 / callsPerSecond, maxConcurrent });
  }

  get callsPerSecond(): number {
    return this.#callsPerSecond;
  }

  get queued(): number {
    return this.#limiter.counts().QUEUED ?? 0;
  }

  /** Tightens the shared limiter when a client asks for less; never loosens it. */
  tighten(callsPerSecond: number, maxConcurrent: number): void {
    if (callsPerSecond >= this.#callsPerSecond && maxConcurrent >= this.#maxConcurrent) return;
    this.#callsPerSecond = Math.min(this.#callsPerSecond, callsPerSecond);
    this.#maxConcurrent = Math.min(this.#maxConcurrent, maxConcurrent);
    this.#limiter.updateSettings({ minTime: 1000 / this.#callsPerSecond, maxConcurrent: this.#maxConcurrent });
  }

  schedule<T>(job: () => Promise<T>): Promise<T> {
    return this.#limiter.schedule(job);
  }
}

class UnlimitedRateLimiter implements RateLimiter {
  readonly callsPerSecond = Infinity;
  readonly queued = 0;
  constructor(readonly key: string) {}
  schedule<T>(job: () => Promise<T>): Promise<T> {
    return job();
  }
}

const registry = new Map<string, BottleneckRateLimiter>();

export function rateLimiterKey(sdkAppId: number, baseUrl: string): string {
  return `${sdkAppId}@${baseUrl}`;
}

/**
 * The process-wide limiter for an app and endpoint, created on first use.
 * `callsPerSecond` 0 (or Infinity) opts this caller out of limiting (for a
 * local emulator with its limit off); otherwise the shared limiter runs at
 * the lowest rate any caller asked for.
 */
export function sharedRateLimiter(
  sdkAppId: number,
  baseUrl: string,
  callsPerSecond: number = DEFAULT_CALLS_PER_SECOND,
  maxConcurrent: number = DEFAULT_MAX_CONCURRENT_REQUESTS,
): RateLimiter {
  const key = rateLimiterKey(sdkAppId, baseUrl);
  if (!(callsPerSecond > 0) || callsPerSecond === Infinity) return new UnlimitedRateLimiter(key);
  const existing = registry.get(key);
  if (existing) {
    existing.tighten(callsPerSecond, maxConcurrent);
    return existing;
  }
  const limiter = new BottleneckRateLimiter(key, callsPerSecond, maxConcurrent);
  registry.set(key, limiter);
  return limiter;
}

/** How many shared limiters exist (for tests and diagnostics). */
export function sharedRateLimiterCount(): number {
  return registry.size;
}
