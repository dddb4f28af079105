/**
 * A clock that moves only when a test moves it, for the client's pacing
 * pieces (`Timers`): the rate limiter and the read batcher. A test then
 * asserts what happened by each point of (manual) time, and a busy machine
 * cannot make a timer fire early, late or out of order.
 */
import type { Timers } from "../../provider/chat/timers";

interface PendingTimer {
  readonly id: number;
  readonly dueAt: number;
  readonly callback: () => void;
}

/** Lets every promise chain that can move on without I/O or a timer run to its end. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** {@link Timers} on manual time, starting at 0. */
export class ManualClock implements Timers {
  #now = 0;
  #nextId = 1;
  #timers: PendingTimer[] = [];

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.#nextId++, dueAt: this.#now + Math.max(0, ms), callback };
    this.#timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers = this.#timers.filter((t) => t.id !== handle);
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.#timers.length;
  }

  /**
   * Moves time forward by `ms`, firing each timer that falls due on the way at its own due time, in order
   * (ties in the order they were set), and letting what each one sets off run before the next.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await settle();
    for (;;) {
      const due = this.#timers.filter((t) => t.dueAt <= target).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)[0];
      if (!due) break;
      this.clearTimeout(due.id);
      this.#now = due.dueAt;
      due.callback();
      await settle();
    }
    this.#now = target;
    await settle();
  }

  /**
   * Moves time forward by `ms` at once, as a stalled event loop does, then fires the timers that fell due
   * in between: late, all at the new time, in due order.
   */
  async stall(ms: number): Promise<void> {
    this.#now += ms;
    await this.advance(0);
  }
}
