/**
 * Coalesces single-id reads into batched calls (get_official_account_info
 * takes up to 50 ids). A batch is sent when it holds `maxBatchSize` distinct
 * ids, when no new id arrived for `batchWindowMs`, or `batchMaxWaitMs` after
 * its first id: reads that trickle in (a refresh, where the engine starts
 * reads one resource at a time) still share calls, and a lone read waits
 * only the short idle window.
 *
 * Two things skip the idle window. The engine keeps a fixed number of reads
 * in flight (`--parallel`), so once the caller has shown how many reads it
 * keeps outstanding (the most seen at once), a batch is sent as soon as that
 * many are outstanding again: no more can come until some are answered. A
 * caller that goes past that number (a higher `--parallel`, a burst) raises
 * it instead of sending, so its reads keep sharing calls. And an
 * urgent read (the read-back after a create, which the engine waits on)
 * sends the open batch at once, taking along whatever else is pending.
 * Nothing is cached between batches: every read sees data fetched after it
 * was asked for.
 */

import { SYSTEM_TIMERS, type Timers } from "./timers";

/** Idle time after the last id before a batch is sent. */
const DEFAULT_BATCH_WINDOW_MS = 15;
/** Longest a batch waits after its first id. */
export const DEFAULT_BATCH_MAX_WAIT_MS = 200;

/** When a batch is sent, and how big it may grow. */
interface ReadBatcherOptions {
  /** Milliseconds without a new id before a batch is sent; default {@link DEFAULT_BATCH_WINDOW_MS}. */
  readonly batchWindowMs?: number;
  /** Milliseconds after its first id by which a batch is sent; default {@link DEFAULT_BATCH_MAX_WAIT_MS}. */
  readonly batchMaxWaitMs?: number;
  /** Most distinct ids in one batch; more start another batch. */
  readonly maxBatchSize: number;
  /** The timers the windows run on; default {@link SYSTEM_TIMERS}. A test passes a manual clock. */
  readonly timers?: Timers;
}

/**
 * `loadMany` gets the distinct ids of one batch and returns, per id, a value
 * or the Error for that id alone (so one bad id does not fail its neighbours).
 */
type BatchLoadFn<V> = (ids: string[]) => Promise<ReadonlyMap<string, V | Error>>;

interface Waiter<V> {
  resolve(value: V): void;
  reject(error: unknown): void;
}

interface Batch<V> {
  readonly waiters: Map<string, Waiter<V>[]>;
  idleTimer?: unknown;
  maxTimer?: unknown;
}

function checkMs(name: string, value: number): number {
  if (!(value >= 0) || !Number.isFinite(value)) {
    throw new Error(`${name} must be a non-negative number of milliseconds, got ${String(value)}`);
  }
  return value;
}

/** Coalesces single-id reads into batched calls; see the module comment. */
export class ReadBatcher<V> {
  /** Idle milliseconds after the last id before a batch is sent. */
  readonly batchWindowMs: number;
  /** Longest a batch waits after its first id, in milliseconds. */
  readonly batchMaxWaitMs: number;
  readonly #maxBatchSize: number;
  readonly #loadMany: BatchLoadFn<V>;
  readonly #timers: Timers;
  #open: Batch<V> | undefined;
  /** Ids sent and not yet answered. */
  #inFlight = 0;
  /** The most reads the caller has kept outstanding (waiting or in flight) at once. */
  #shownConcurrency = 0;

  /**
   * @param loadMany reads the distinct ids of one batch.
   * @param options when a batch is sent, and how big it may grow.
   */
  constructor(loadMany: BatchLoadFn<V>, options: ReadBatcherOptions) {
    this.batchWindowMs = checkMs("batchWindowMs", options.batchWindowMs ?? DEFAULT_BATCH_WINDOW_MS);
    this.batchMaxWaitMs = checkMs(
      "batchMaxWaitMs",
      options.batchMaxWaitMs ?? Math.max(DEFAULT_BATCH_MAX_WAIT_MS, this.batchWindowMs),
    );
    this.#maxBatchSize = options.maxBatchSize;
    this.#loadMany = loadMany;
    this.#timers = options.timers ?? SYSTEM_TIMERS;
  }

  /**
   * Reads one id as part of the next batch.
   * @param urgent send the open batch now instead of waiting for more ids.
   */
  load(id: string, urgent = false): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      const batch = this.#open ?? this.#start();
      const waiters = batch.waiters.get(id);
      if (waiters) waiters.push({ resolve, reject });
      else batch.waiters.set(id, [{ resolve, reject }]);

      // Outstanding reads grow by one per load, so reaching the shown number is exact; going past it raises it.
      // A concurrency of one shows nothing worth skipping the window for.
      const outstanding = batch.waiters.size + this.#inFlight;
      const allOutstanding = this.#shownConcurrency > 1 && outstanding === this.#shownConcurrency;
      this.#shownConcurrency = Math.max(this.#shownConcurrency, outstanding);
      if (urgent || allOutstanding || batch.waiters.size >= this.#maxBatchSize) {
        this.#send(batch);
      } else {
        this.#timers.clearTimeout(batch.idleTimer);
        batch.idleTimer = this.#timers.setTimeout(() => this.#send(batch), this.batchWindowMs);
      }
    });
  }

  #start(): Batch<V> {
    const batch: Batch<V> = { waiters: new Map() };
    batch.maxTimer = this.#timers.setTimeout(() => this.#send(batch), this.batchMaxWaitMs);
    this.#open = batch;
    return batch;
  }

  #send(batch: Batch<V>): void {
    this.#timers.clearTimeout(batch.idleTimer);
    this.#timers.clearTimeout(batch.maxTimer);
    if (this.#open !== batch) return; // already sent
    this.#open = undefined;
    const ids = [...batch.waiters.keys()];
    this.#inFlight += ids.length;
    this.#loadMany(ids)
      .finally(() => {
        this.#inFlight -= ids.length;
      })
      .then(
        (results) => {
          for (const [id, waiters] of batch.waiters) {
            const result = results.has(id) ? results.get(id) : new Error(`read batch returned nothing for ${id}`);
            for (const waiter of waiters) {
              if (result instanceof Error) waiter.reject(result);
              else waiter.resolve(result as V);
            }
          }
        },
        (error: unknown) => {
          for (const waiters of batch.waiters.values()) for (const waiter of waiters) waiter.reject(error);
        },
      );
  }
}
