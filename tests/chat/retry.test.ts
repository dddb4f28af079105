import { expect } from "chai";
import { backoffDelayMs, withRetries, type RetryKind, type RetryPolicy } from "../../provider/chat/retry";
import { expectEqual } from "./helpers";

const policy: RetryPolicy = {
  maxRetries: 3,
  maxThrottleRetries: 5,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  totalDeadlineMs: 60_000,
};

/** Runs withRetries with a fake clock and sleep, failing with `failures` in order, then succeeding. */
async function run(failures: RetryKind[], overrides: Partial<RetryPolicy> = {}) {
  let clock = 0;
  const delays: number[] = [];
  let calls = 0;
  let reason: string | undefined;
  const outcome = await withRetries(
    async () => {
      calls += 1;
      if (calls <= failures.length) throw new Error(failures[calls - 1]);
      return "ok";
    },
    {
      policy: { ...policy, ...overrides },
      classify: (error) => (error as Error).message as RetryKind,
      sleep: async (ms) => {
        delays.push(ms);
        clock += ms;
      },
      now: () => clock,
      random: () => 0.5,
      onGiveUp: (_error, _attempts, why) => {
        reason = why;
      },
    },
  ).catch((error: Error) => `threw ${error.message}`);
  return { outcome, calls, delays, reason };
}

describe("chat client: retry policy", () => {
  it("doubles the delay from 200 ms, jitters it by +-20% and caps it at 10 s", () => {
    expectEqual(
      [0, 1, 2, 3].map((n) => backoffDelayMs(n, policy, () => 0.5)),
      [200, 400, 800, 1600],
      "midpoint delays",
    );
    // [retry index, the random draw, the delay wanted, what the case shows]
    const cases: [number, number, number, string][] = [
      [0, 0, 160, "lowest jitter"],
      [0, 1, 240, "highest jitter"],
      [10, 1, 10_000, "capped"],
      [1000, 0.5, 10_000, "huge retry index stays capped"],
    ];
    for (const [retryIndex, draw, want, what] of cases) {
      expectEqual(
        backoffDelayMs(retryIndex, policy, () => draw),
        want,
        what,
      );
    }
  });

  it("retries transient failures up to maxRetries, then rethrows the last failure", async () => {
    const got = await run(["transient", "transient", "transient", "transient", "transient"]);
    expectEqual(got.outcome, "threw transient", "outcome");
    expectEqual(got.calls, 4, "calls (1 + maxRetries)");
    expectEqual(got.delays, [200, 400, 800], "delays");
    expectEqual(got.reason, "retries-exhausted", "reason");
  });

  it("recovers when a transient failure clears before the budget is spent", async () => {
    const got = await run(["transient", "transient"]);
    expectEqual(got.outcome, "ok", "outcome");
    expectEqual(got.calls, 3, "calls");
  });

  it("gives throttling its own, larger budget", async () => {
    const got = await run(["transient", "throttle", "throttle", "throttle", "throttle", "transient", "throttle"]);
    expectEqual(got.outcome, "ok", "outcome");
    expectEqual(got.calls, 8, "calls");
    expectEqual(got.delays, [200, 200, 400, 800, 1600, 400, 3200], "delays per budget");
    const exhausted = await run(Array<RetryKind>(10).fill("throttle"));
    expectEqual(exhausted.calls, 6, "calls when throttled throughout (1 + maxThrottleRetries)");
  });

  it("does not retry a failure classified none", async () => {
    const got = await run(["none", "transient"]);
    expectEqual(got.outcome, "threw none", "outcome");
    expectEqual(got.calls, 1, "calls");
    expectEqual(got.reason, "not-retryable", "reason");
  });

  it("retries 'immediate' failures at once without spending a budget", async () => {
    const got = await run(["immediate", "transient", "transient", "transient"], { maxRetries: 3 });
    expectEqual(got.outcome, "ok", "outcome");
    expectEqual(
      got.delays,
      [0, 200, 400, 800].filter((d) => d > 0),
      "delays (none for immediate)",
    );
  });

  it("stops when the next wait would pass the total deadline", async () => {
    const got = await run(Array<RetryKind>(10).fill("transient"), { maxRetries: 10, totalDeadlineMs: 1000 });
    expectEqual(got.delays, [200, 400], "delays that fit in 1000 ms");
    expectEqual(got.calls, 3, "calls");
    expectEqual(got.reason, "deadline", "reason");
  });

  it("passes the remaining time to each attempt", async () => {
    let clock = 0;
    const remaining: number[] = [];
    await withRetries(
      async ({ remainingMs }) => {
        remaining.push(remainingMs);
        clock += 100;
        if (remaining.length < 3) throw new Error("x");
      },
      {
        policy: { ...policy, totalDeadlineMs: 5000 },
        classify: () => "transient",
        sleep: async (ms) => {
          clock += ms;
        },
        now: () => clock,
        random: () => 0.5,
      },
    );
    expectEqual(remaining, [5000, 4700, 4200], "remaining ms per attempt");
    expect(remaining.every((r, i) => i === 0 || r < remaining[i - 1])).to.equal(true);
  });
});
