import { expect } from "chai";
import http from "node:http";
import { CommandRateWindow } from "../../emulator/rate-limit";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { EmulatorClient, rawRequest, type Reply } from "./helpers";

describe("emulator: the rate limiter on its own", () => {
  let now = 0;
  const clock = () => now;

  it("lets exactly the limit through in one second and refuses the rest", () => {
    const limiter = new CommandRateWindow(200, clock);
    now = 1000;
    const results = Array.from({ length: 400 }, () => limiter.tryAcquire("cmd"));
    expect(results.filter(Boolean).length, "accepted of 400").to.equal(200);
  });

  it("slides: a call is allowed again once the oldest accepted call is a full second old", () => {
    const limiter = new CommandRateWindow(2, clock);
    now = 0;
    expect([limiter.tryAcquire("c"), limiter.tryAcquire("c"), limiter.tryAcquire("c")]).to.deep.equal([
      true,
      true,
      false,
    ]);
    now = 999;
    expect(limiter.tryAcquire("c"), "999 ms later").to.equal(false);
    now = 1000;
    expect(limiter.tryAcquire("c"), "1000 ms later").to.equal(true);
    expect(limiter.tryAcquire("c"), "second call 1000 ms later").to.equal(true);
    expect(limiter.tryAcquire("c"), "third call 1000 ms later").to.equal(false);
  });

  it("counts each command separately", () => {
    const limiter = new CommandRateWindow(1, clock);
    expect([limiter.tryAcquire("a"), limiter.tryAcquire("b"), limiter.tryAcquire("a")]).to.deep.equal([
      true,
      true,
      false,
    ]);
  });

  it("is off at 0", () => {
    const limiter = new CommandRateWindow(0, clock);
    expect(Array.from({ length: 1000 }, () => limiter.tryAcquire("a")).every(Boolean)).to.equal(true);
  });
});

describe("emulator: 200 calls per second per command", () => {
  let emulator: RunningEmulator;
  let client: EmulatorClient;
  const command = "get_official_account_info";
  const body = { OfficialAccountIdList: [{ Official_Account: "@TOA#_burst" }] };

  before(async () => {
    emulator = await startEmulator();
    client = new EmulatorClient(emulator.url);
  });
  after(() => emulator.close());

  /**
   * Fires `n` calls at once over connections opened beforehand, so on a busy
   * machine the burst is not spread out by TCP handshakes. Returns the codes
   * and how long the burst took from the first send to the last answer.
   */
  async function burst(c: EmulatorClient, n: number): Promise<{ codes: number[]; elapsedMs: number }> {
    const agent = new http.Agent({ keepAlive: true, maxSockets: n, maxFreeSockets: n });
    try {
      // Warm-up calls go to a path that is no command: not rate limited, not counted.
      await Promise.all(Array.from({ length: n }, () => rawRequest(`${c.baseUrl}/warm-up`, { body: "{}", agent })));
      const started = performance.now();
      const replies = await Promise.all(Array.from({ length: n }, () => c.call<Reply>(command, body, {}, agent)));
      return { codes: replies.map((r) => r.ErrorCode), elapsedMs: performance.now() - started };
    } finally {
      agent.destroy();
    }
  }

  it("answers 60007 to the excess of a burst of 400 calls inside one second", async () => {
    emulator.resetCounters();
    const { codes, elapsedMs } = await burst(client, 400);
    const ok = codes.filter((c) => c === 0).length;
    const throttled = codes.filter((c) => c === 60007).length;
    expect(ok + throttled, `every answer is OK or 60007; got codes ${[...new Set(codes)].join(",")}`).to.equal(400);
    // At most 200 in any one second: exactly 200 when the burst fits in a second, as it does
    // unless the machine is very slow; then each further second may let up to 200 more through.
    const seconds = Math.max(1, Math.ceil(elapsedMs / 1000));
    const label = `burst of 400 took ${Math.round(elapsedMs)} ms`;
    expect(ok, `${label}; OK answers: want 200 to ${200 * seconds}, got ${ok}`).to.be.within(200, 200 * seconds);
    expect(throttled, `${label}; 60007 answers: want >= ${400 - 200 * seconds}, got ${throttled}`).to.be.at.least(
      400 - 200 * seconds,
    );
    const counters = emulator.counters().commands[command];
    expect(counters, "counters for the burst").to.deep.equal({
      calls: 400,
      ok,
      failed: 0,
      throttled,
      faulted: 0,
      dropped: 0,
    });
  });

  it("does not throttle another command during the burst", async () => {
    await burst(client, 250);
    const reply = await client.call("get_subscriber_info", { Official_Account: "@TOA#_other" });
    expect(reply.ErrorCode, "another command right after a burst").to.equal(130004);
  });

  it("lets every call of a burst through when started with rateLimitPerSecond: 0", async () => {
    const unlimited = await startEmulator({ rateLimitPerSecond: 0 });
    try {
      const { codes } = await burst(new EmulatorClient(unlimited.url), 400);
      expect(
        codes.filter((c) => c !== 0),
        "non-OK codes",
      ).to.deep.equal([]);
    } finally {
      await unlimited.close();
    }
  });
});
