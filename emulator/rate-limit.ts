/**
 * Per-command sliding-window rate limit: at most `perSecond` accepted calls
 * in any 1000 ms, the way the vendor documents "200 calls/second". Refused
 * calls do not use up the window, so a burst of N gets exactly `perSecond` through.
 */
const WINDOW_MS = 1000;

/** The sliding windows of one emulator, one per command. */
export class CommandRateWindow {
  /** Accepted call times per key, oldest first. */
  private readonly windows = new Map<string, number[]>();

  constructor(
    private perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** True when the call may proceed (and counts it); false when it is over the limit. */
  tryAcquire(key: string): boolean {
    if (this.perSecond <= 0) return true;
    const t = this.now();
    let times = this.windows.get(key);
    if (!times) {
      times = [];
      this.windows.set(key, times);
    }
    let expired = 0;
    while (expired < times.length && times[expired] <= t - WINDOW_MS) expired++;
    if (expired > 0) times.splice(0, expired);
    if (times.length >= this.perSecond) return false;
    times.push(t);
    return true;
  }

  /** Forgets every accepted call (`POST /__emulator/reset`). */
  reset(): void {
    this.windows.clear();
  }
}
