import { expect } from "chai";
import type { RunningEmulator } from "../../emulator";
import { performance } from "node:perf_hooks";
import { OfficialAccountsApi } from "../../provider/chat";
import {
  createRateLimiter,
  DEFAULT_CALLS_PER_SECOND,
  RATE_LIMIT_BURST,
  sharedRateLimiter,
} from "../../provider/chat/rate-limit";
import { ManualClock, settle } from "../support/manual-clock";
import { DEFAULT_SDK_APP_ID, apiFor, clientFor, expectEqual, startChatEmulator } from "./helpers";

const OWNER = "burst-owner";

/** Resolves once `condition` holds, checking after each turn of the event loop (no time limit of its own). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}
const CREATE = "create_official_account";

/** Fails when any sliding second of `starts` (ms, ascending) holds more than `allowed` of them. */
function expectNoSecondBusierThan(allowed: number, starts: readonly number[]): void {
  let most = 0;
  for (let first = 0, last = 0; last < starts.length; last++) {
    while (starts[last] - starts[first] >= 1000) first++;
    most = Math.max(most, last - first + 1);
  }
  expect(most, `starts in the busiest second: want <= ${allowed}, got ${most}`).to.be.at.most(allowed);
}

describe("chat client: the shared rate limiter", () => {
  let emulator: RunningEmulator;

  before(async () => {
    // The emulator enforces the documented 200 calls/s per command with a sliding 1-second window.
    emulator = await startChatEmulator({ importUsers: [OWNER], rateLimitPerSecond: 200 });
  });
  after(() => emulator.close());

  it("gives every client of the same app and endpoint one limiter, and other endpoints their own", () => {
    const a = clientFor(emulator.url);
    const b = clientFor(emulator.url);
    expect(a.rateLimiter, "same app + endpoint").to.equal(b.rateLimiter);
    expectEqual(a.rateLimiter.callsPerSecond, DEFAULT_CALLS_PER_SECOND, "default rate");
    const other = clientFor("http://127.0.0.1:1");
    expect(other.rateLimiter, "another endpoint").to.not.equal(a.rateLimiter);
    const otherApp = clientFor(emulator.url, { sdkAppId: DEFAULT_SDK_APP_ID + 1 });
    expect(otherApp.rateLimiter, "another app").to.not.equal(a.rateLimiter);
  });

  it("runs a shared limiter at the lowest rate any client asked for, and lets 0 opt out", () => {
    const base = "https://limiter-key.example";
    const first = sharedRateLimiter(1, base, 100, 10);
    sharedRateLimiter(1, base, 50, 20);
    sharedRateLimiter(1, base, 150, 30);
    expectEqual(
      { rate: first.callsPerSecond, concurrency: first.maxConcurrent },
      { rate: 50, concurrency: 10 },
      "settings",
    );
    expectEqual(sharedRateLimiter(1, base, 0).callsPerSecond, Infinity, "opted out");
  });

  it("starts a call that has room in its budget at once, before any timer fires", async () => {
    const limiter = sharedRateLimiter(4, "https://at-once.example", 100, 4);
    let timerFired = false;
    const timer = setTimeout(() => (timerFired = true), 0);
    // A queue that defers every start to a timer adds milliseconds to each call (a refresh pays it per read batch).
    const startedBeforeTimer = await limiter.schedule(async () => !timerFired);
    clearTimeout(timer);
    expect(startedBeforeTimer, "the call started only after a timer turn").to.equal(true);
  });

  it("keeps at most maxConcurrent calls in flight, starts the rest in arrival order, and obeys a lowered bound", async () => {
    const limiter = sharedRateLimiter(5, "https://in-flight.example", 1000, 2);
    let running = 0;
    let mostRunning = 0;
    const started: number[] = [];
    const releases: Array<() => void> = [];
    const job = (n: number) => async () => {
      started.push(n);
      mostRunning = Math.max(mostRunning, ++running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running--;
      return n;
    };
    // Calls 0 to 2 have tokens from the burst, so only the in-flight bound can hold one back: `settle` (every
    // promise chain run to its end) shows whether it did. Later calls wait for a refill timer: polled for.
    const calls = Array.from({ length: 4 }, (_, n) => limiter.schedule(job(n)));
    await settle();
    expectEqual({ started, queued: limiter.queued }, { started: [0, 1], queued: 2 }, "two running, two queued");
    sharedRateLimiter(5, "https://in-flight.example", 1000, 1); // another client asks for one at a time
    const later = limiter.schedule(job(4));
    releases.shift()!();
    await settle();
    expectEqual(started, [0, 1], "one finished, but one is still running and the bound is now 1");
    releases.shift()!();
    for (let n = 2; n <= 4; n++) {
      await until(() => started.length > n);
      await settle();
      expectEqual(started.length, n + 1, `call ${n} started after the one before finished, and no other`);
      releases.shift()!();
    }
    expectEqual(await Promise.all([...calls, later]), [0, 1, 2, 3, 4], "every call ran to its own result");
    expectEqual({ mostRunning, queued: limiter.queued }, { mostRunning: 2, queued: 0 }, "bound and queue");
  });

  it(`spaces calls evenly on its clock: at 100/s, a burst of ${RATE_LIMIT_BURST}, then one start every 10 ms`, async () => {
    const clock = new ManualClock();
    const limiter = createRateLimiter({ callsPerSecond: 100, timers: clock });
    const starts: number[] = [];
    const calls = Array.from({ length: 20 }, () => limiter.schedule(async () => void starts.push(clock.now())));
    await settle();
    expectEqual(starts, [0, 0, 0], "starts before the clock moves (the burst)");
    await clock.advance(9);
    expectEqual(starts.length, RATE_LIMIT_BURST, "starts before the first refill");
    await clock.advance(1);
    expectEqual(starts.length, RATE_LIMIT_BURST + 1, "starts at the first refill");
    await clock.advance(160);
    await Promise.all(calls);
    const want = [0, 0, 0, ...Array.from({ length: 17 }, (_, i) => 10 * (i + 1))];
    expectEqual(starts, want, "start times in ms (17 gaps of 10 ms after the first 3)");
    expectEqual(clock.pending, 0, "timers left behind");
  });

  it("never runs ahead of its clock: starts no more than rate x elapsed + burst, however late its timers fire", async () => {
    const clock = new ManualClock();
    const rate = 400;
    const limiter = createRateLimiter({ callsPerSecond: rate, timers: clock });
    const starts: number[] = [];
    const calls = Array.from({ length: 700 }, () => limiter.schedule(async () => void starts.push(clock.now())));
    // Uneven steps: in `advance`, timers fire at their due time; after a `stall` they fire late, all at once.
    const steps: Array<[keyof ManualClock & ("advance" | "stall"), number]> = [
      ["advance", 1],
      ["stall", 7],
      ["advance", 250],
      ["stall", 3],
      ["stall", 40],
      ["advance", 13],
      ["stall", 0],
      ["stall", 250],
      ["advance", 9],
      ["stall", 31],
      ["advance", 5],
      ["stall", 120],
      ["advance", 60],
    ];
    for (let i = 0; starts.length < 700; i++) {
      const [move, ms] = steps[i % steps.length];
      await clock[move](ms);
    }
    await Promise.all(calls);
    expectNoSecondBusierThan(rate + RATE_LIMIT_BURST, starts);
    // Start k (from 0) may come no earlier than the refills for it: (k + 1 - burst) / rate seconds.
    const early = starts.filter((at, k) => at < ((k + 1 - RATE_LIMIT_BURST) * 1000) / rate - 1e-9);
    expectEqual(early.length, 0, "starts ahead of the token bucket's refills");
  });

  it(`never starts more than rate + ${RATE_LIMIT_BURST} calls in any sliding second of real time`, async () => {
    // Real timers on a busy machine only fire late, and a late timer cannot make starts denser (the bucket's
    // refill follows the clock). How fast it runs here is a figure in bench/client-pacing.ts, not a test.
    const rate = 400;
    const limiter = sharedRateLimiter(3, "https://window.example", rate);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 700 }, () => limiter.schedule(async () => void starts.push(performance.now()))),
    );
    expectNoSecondBusierThan(rate + RATE_LIMIT_BURST, starts);
  });

  it("lets a burst of 600 creates from 600 clients through at the emulator's 200/s with no 60007 reaching a caller", async function () {
    this.timeout(120_000);
    emulator.resetCounters();
    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: 600 }, (_, i) =>
        // A client per operation, as the provider makes them: they must still share one limiter.
        new OfficialAccountsApi(clientFor(emulator.url)).create({
          officialAccountUserId: `@TOA#_burst_${i}`,
          ownerAccount: OWNER,
          name: `Burst ${i}`,
        }),
      ),
    );
    const wallMs = Date.now() - started;
    const counters = emulator.counters().commands[CREATE];
    console.log(
      `      burst of 600 creates: ${wallMs} ms wall time, ${(600 / (wallMs / 1000)).toFixed(1)} creates/s; ` +
        `emulator counted ${counters.calls} calls, ${counters.ok} ok, ${counters.throttled} throttled (60007)`,
    );
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expectEqual(failures.map((f) => String(f.reason)).slice(0, 3), [], "failed creates (first 3)");
    expectEqual(counters.ok, 600, "accounts created");
    expectEqual(
      emulator.snapshot().accounts.filter((a) => a.Official_Account.startsWith("@TOA#_burst_")).length,
      600,
      "accounts",
    );
    // Evenly spaced at 190/s, no sliding second of the emulator should see more than 200.
    expectEqual(counters.throttled, 0, "calls the emulator throttled");
    expect(wallMs, "600 calls at <= 190/s cannot take under 3 s").to.be.at.least(3000);
  });

  it("still ends a burst with everything created when the limiter is off and the emulator throttles", async function () {
    this.timeout(120_000);
    const fast = await startChatEmulator({ importUsers: [OWNER], rateLimitPerSecond: 100 });
    try {
      const started = Date.now();
      const api = apiFor(fast.url, { callsPerSecond: 0 });
      await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          api.create({ officialAccountUserId: `@TOA#_flood_${i}`, ownerAccount: OWNER, name: `Flood ${i}` }),
        ),
      );
      const counters = fast.counters().commands[CREATE];
      console.log(
        `      300 unlimited creates at an emulator limit of 100/s: ${Date.now() - started} ms, ` +
          `${counters.calls} calls, ${counters.throttled} throttled and retried`,
      );
      expectEqual(counters.ok, 300, "accounts created");
      expect(counters.throttled, "throttled calls (retried, not surfaced)").to.be.greaterThan(0);
    } finally {
      await fast.close();
    }
  });
});
