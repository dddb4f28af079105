/**
 * The time source and timers of the client's pacing pieces (the rate limiter
 * and the read batcher). Production uses the process's own; tests pass a
 * manual clock so they assert the order of events, not how long they took on
 * a busy machine.
 */
import { performance } from "node:perf_hooks";

/** A clock with timers: what the rate limiter and the read batcher wait with. */
export interface Timers {
  /** Milliseconds on a monotonic scale (only differences matter). */
  now(): number;
  /** Calls `callback` once, `ms` milliseconds from now; returns a handle for {@link Timers.clearTimeout}. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a timer that has not fired; a handle already fired, cleared or undefined is ignored. */
  clearTimeout(handle: unknown): void;
}

/** The process's monotonic clock and Node's timers. */
export const SYSTEM_TIMERS: Timers = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
};
