/**
 * Coalesces single-id reads made within a short window into batched calls
 * (get_official_account_info takes up to 50 ids). Nothing is cached between
 * batches: every read sees data fetched after it was asked for.
 */
import DataLoader from "dataloader";

/** How long a batch waits for more ids before it is sent. */
export const DEFAULT_BATCH_WINDOW_MS = 5;

export interface ReadBatcherOptions {
  /** Milliseconds to collect ids before sending a batch; default {@link DEFAULT_BATCH_WINDOW_MS}. */
  batchWindowMs?: number;
  /** Largest batch; reads beyond it start another batch. */
  maxBatchSize: number;
}

/**
 * `loadMany` gets the distinct ids of one batch and returns, per id, a value
 * or the Error for that id alone (so one bad id does not fail its neighbours).
 */
export type BatchLoadFn<V> = (ids: string[]) => Promise<Map<string, V | Error>>;

export class ReadBatcher<V> {
  readonly #loader: DataLoader<string, V>;
  readonly batchWindowMs: number;

  constructor(loadMany: BatchLoadFn<V>, options: ReadBatcherOptions) {
    const windowMs = options.batchWindowMs ?? DEFAULT_BATCH_WINDOW_MS;
    if (!(windowMs >= 0) || !Number.isFinite(windowMs)) {
      throw new Error(`batchWindowMs must be a non-negative number of milliseconds, got ${String(windowMs)}`);
    }
    this.batchWindowMs = windowMs;
    this.#loader = new DataLoader<string, V>(
      async (keys) => {
        const distinct = [...new Set(keys)];
        const results = await loadMany(distinct);
        return keys.map((key) =>
          results.has(key) ? (results.get(key) as V | Error) : new Error(`read batch returned nothing for ${key}`),
        );
      },
      {
        cache: false,
        maxBatchSize: options.maxBatchSize,
        batchScheduleFn: (dispatch) => {
          setTimeout(dispatch, windowMs);
        },
      },
    );
  }

  /** Reads one id as part of the next batch. */
  load(id: string): Promise<V> {
    return this.#loader.load(id);
  }
}
