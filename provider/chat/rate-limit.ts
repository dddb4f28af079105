/**
 * One rate limiter per process for each (SDKAppID, base URL): the API allows
 * 200 calls/s per app, and every client in the process (the provider makes
 * one per resource operation) must share that budget.
 *
 * Starts are paced by a token bucket that refills continuously at
 * `callsPerSecond` and holds at most {@link RATE_LIMIT_BURST} tokens, so any
 * window of T seconds sees at most `BURST + callsPerSecond x T` starts: 193
 * in any second at the default 190/s, below the API's 200, however the window
 * is aligned and however late timers fire. (Measured alternatives: bottleneck
 * `minTime` with a large `maxConcurrent` books start slots ahead and fires
 * them together after an event-loop stall; `minTime` with `maxConcurrent: 1`
 * rounds every fractional gap up and ran at ~150/s when asked for 190.)
 * Requests in flight are bounded by `maxConcurrent`; a request takes its
 * in-flight slot first, then its token, then starts at once. Both steps pass
 * straight through while there is room: no timer runs unless a call must
 * wait (bottleneck's queue added about 5 ms to every call, which a refresh
 * pays once per read batch).
 */
import { SYSTEM_TIMERS, type Timers } from "./timers";

/** Below the documented 200 calls/s, leaving room for clock and network jitter. */
export const DEFAULT_CALLS_PER_SECOND = 190;
/** Requests in flight at once per limiter (bounds sockets when the API is slow). */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 64;
/** Starts that may happen back to back after an idle spell (absorbs late timers without losing rate). */
export const RATE_LIMIT_BURST = 3;

/** The shared budget of one app and endpoint: what a client schedules its requests through. */
export interface RateLimiter {
  /**
   * Runs `job` when the budget allows. When `signal` aborts while the job is
   * still waiting for its turn, the job never runs and the promise rejects
   * with a {@link RateLimitWaitAborted}.
   */
  schedule<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** The key shared by every client of the same app and endpoint. */
  readonly key: string;
  /** The current rate (the lowest any client of this key asked for); Infinity when unlimited. */
  readonly callsPerSecond: number;
  /** The current bound on requests in flight. */
  readonly maxConcurrent: number;
  /** Jobs waiting for their turn. */
  readonly queued: number;
}

/** A job given up while it waited for its turn (its caller's signal aborted). */
export class RateLimitWaitAborted extends Error {
  /** Always `RateLimitWaitAborted`. */
  override readonly name = "RateLimitWaitAborted";
  /** An abandoned wait; the client turns it into its "cancelled" ChatApiError. */
  constructor() {
    super("the wait for the rate limiter was abandoned");
  }
}

/** Waits in `waiters` for `resolve` to be called; leaves the queue and rejects when `signal` aborts first. */
function waitInLine(waiters: Array<() => void>, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new RateLimitWaitAborted());
    const onAbort = () => {
      const index = waiters.indexOf(wake);
      if (index >= 0) waiters.splice(index, 1);
      reject(new RateLimitWaitAborted());
    };
    const wake = () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    waiters.push(wake);
  });
}

/** A token bucket handing out start tokens in arrival order. */
class TokenBucket {
  #tokens: number;
  #refilledAt: number;
  #timer: unknown;
  readonly #waiters: Array<() => void> = [];

  constructor(
    public ratePerSecond: number,
    private readonly capacity: number,
    private readonly timers: Timers,
  ) {
    this.#tokens = capacity;
    this.#refilledAt = timers.now();
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  take(signal?: AbortSignal): Promise<void> {
    const turn = waitInLine(this.#waiters, signal);
    this.#drain();
    return turn;
  }

  #drain(): void {
    const now = this.timers.now();
    this.#tokens = Math.min(this.capacity, this.#tokens + ((now - this.#refilledAt) * this.ratePerSecond) / 1000);
    this.#refilledAt = now;
    while (this.#waiters.length > 0 && this.#tokens >= 1) {
      this.#tokens -= 1;
      this.#waiters.shift()!();
    }
    if (this.#waiters.length > 0 && this.#timer === undefined) {
      const waitMs = Math.max(1, Math.ceil(((1 - this.#tokens) * 1000) / this.ratePerSecond));
      this.#timer = this.timers.setTimeout(() => {
        this.#timer = undefined;
        this.#drain();
      }, waitMs);
    }
  }
}

/** At most `limit` jobs running at once; the rest wait in arrival order. */
class InFlightLimit {
  #running = 0;
  readonly #waiters: Array<() => void> = [];

  constructor(public limit: number) {}

  get waiting(): number {
    return this.#waiters.length;
  }

  async run<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new RateLimitWaitAborted();
    if (this.#running < this.limit) this.#running++;
    else await waitInLine(this.#waiters, signal); // the slot is handed over
    try {
      return await job();
    } finally {
      // Hand the slot to the next waiter, unless the limit was lowered below what is running.
      const next = this.#running <= this.limit ? this.#waiters.shift() : undefined;
      if (next) next();
      else this.#running--;
    }
  }
}

class SharedRateLimiter implements RateLimiter {
  readonly #bucket: TokenBucket;
  readonly #inFlight: InFlightLimit;

  constructor(
    readonly key: string,
    callsPerSecond: number,
    maxConcurrent: number,
    timers: Timers,
  ) {
    this.#bucket = new TokenBucket(callsPerSecond, RATE_LIMIT_BURST, timers);
    this.#inFlight = new InFlightLimit(maxConcurrent);
  }

  get callsPerSecond(): number {
    return this.#bucket.ratePerSecond;
  }

  get maxConcurrent(): number {
    return this.#inFlight.limit;
  }

  get queued(): number {
    return this.#inFlight.waiting + this.#bucket.waiting;
  }

  /** Tightens the shared limiter when a client asks for less; never loosens it. */
  tighten(callsPerSecond: number, maxConcurrent: number): void {
    if (callsPerSecond < this.#bucket.ratePerSecond) this.#bucket.ratePerSecond = callsPerSecond;
    if (maxConcurrent < this.#inFlight.limit) this.#inFlight.limit = maxConcurrent;
  }

  schedule<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.#inFlight.run(async () => {
      await this.#bucket.take(signal);
      return job();
    }, signal);
  }
}

class UnlimitedRateLimiter implements RateLimiter {
  readonly callsPerSecond = Infinity;
  readonly maxConcurrent = Infinity;
  readonly queued = 0;
  constructor(readonly key: string) {}
  schedule<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return signal?.aborted ? Promise.reject(new RateLimitWaitAborted()) : job();
  }
}

const registry = new Map<string, SharedRateLimiter>();

function rateLimiterKey(sdkAppId: number, baseUrl: string): string {
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
  const limiter = new SharedRateLimiter(key, callsPerSecond, maxConcurrent, SYSTEM_TIMERS);
  registry.set(key, limiter);
  return limiter;
}

/** What {@link createRateLimiter} builds a limiter from. */
interface RateLimiterOptions {
  /** Calls per second (a positive, finite number). */
  readonly callsPerSecond: number;
  /** Requests in flight at once; default {@link DEFAULT_MAX_CONCURRENT_REQUESTS}. */
  readonly maxConcurrent?: number;
  /** The clock and timers it paces with; default {@link SYSTEM_TIMERS}. A test passes a manual clock. */
  readonly timers?: Timers;
  /** The limiter's {@link RateLimiter.key}; default "unshared". */
  readonly key?: string;
}

/**
 * A limiter of its own, outside the process-wide registry (clients use
 * {@link sharedRateLimiter}): for tests and benchmarks that pace calls with
 * their own clock.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  if (!(options.callsPerSecond > 0) || !Number.isFinite(options.callsPerSecond)) {
    throw new Error(`callsPerSecond must be a positive finite number, got ${String(options.callsPerSecond)}`);
  }
  return new SharedRateLimiter(
    options.key ?? "unshared",
    options.callsPerSecond,
    options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT_REQUESTS,
    options.timers ?? SYSTEM_TIMERS,
  );
}
