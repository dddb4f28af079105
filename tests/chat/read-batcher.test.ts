import { expect } from "chai";
import type { RunningEmulator } from "../../emulator";
import { MAX_IDS_PER_INFO_CALL } from "../../chat-api/limits";
import { OfficialAccountsApi } from "../../provider/chat";
import { DEFAULT_BATCH_MAX_WAIT_MS, ReadBatcher } from "../../provider/chat/read-batcher";
import { ManualClock } from "../support/manual-clock";
import { apiFor, callsOf, expectEqual, startChatEmulator, uniqueId } from "./helpers";

const OWNER = "batch-owner";
const GET_INFO = "get_official_account_info";

describe("chat client: batched reads", () => {
  let emulator: RunningEmulator;
  let api: OfficialAccountsApi;
  const ids: string[] = [];

  before(async function () {
    this.timeout(120_000);
    emulator = await startChatEmulator({ importUsers: [OWNER] });
    api = apiFor(emulator.url);
    for (let i = 0; i < 300; i++) ids.push(uniqueId("batch"));
    await Promise.all(
      ids.map((id, i) => api.create({ officialAccountUserId: id, ownerAccount: OWNER, name: `Batch ${i}` })),
    );
  });
  after(() => emulator.close());
  beforeEach(() => emulator.resetCounters());

  it("serves 300 concurrent single-id reads with at most 7 get_official_account_info calls", async () => {
    const reader = apiFor(emulator.url);
    const started = Date.now();
    const results = await Promise.all(ids.map((id) => reader.get(id)));
    const calls = callsOf(emulator, GET_INFO);
    console.log(`      300 concurrent get(): ${calls} get_official_account_info calls in ${Date.now() - started} ms`);
    expect(calls, `get_official_account_info calls: want <= 7, got ${calls}`).to.be.at.most(7);
    results.forEach((info, i) => expectEqual(info?.name, `Batch ${i}`, `name of ${ids[i]}`));
  });

  it("resolves each read on its own: a missing id gives undefined, a malformed id fails only itself", async () => {
    const reader = apiFor(emulator.url);
    const missing = uniqueId("absent");
    const settled = await Promise.allSettled([
      reader.get(ids[0]),
      reader.get(missing),
      reader.get("malformed"),
      reader.get(ids[1]),
    ]);
    expectEqual(
      settled.map((s) => s.status),
      ["fulfilled", "fulfilled", "rejected", "fulfilled"],
      "statuses",
    );
    expectEqual((settled[0] as PromiseFulfilledResult<unknown>).value !== undefined, true, "first read found");
    expectEqual((settled[1] as PromiseFulfilledResult<unknown>).value, undefined, "missing id");
    expect(String((settled[2] as PromiseRejectedResult).reason)).to.match(/130007/);
    expectEqual(callsOf(emulator, GET_INFO), 1, "calls for 4 concurrent reads");
  });

  it("coalesces the same id read twice in one batch", async () => {
    const reader = apiFor(emulator.url);
    const [a, b] = await Promise.all([reader.get(ids[5]), reader.get(ids[5])]);
    expectEqual([a?.name, b?.name], ["Batch 5", "Batch 5"], "names");
    expectEqual(callsOf(emulator, GET_INFO), 1, "calls");
  });

  it("caches nothing between batches: a read after a change sees the change", async () => {
    const reader = apiFor(emulator.url);
    const id = uniqueId("fresh");
    await api.create({ officialAccountUserId: id, ownerAccount: OWNER, name: "Old" });
    expectEqual((await reader.get(id))?.name, "Old", "before");
    await api.modify(id, { name: "New" });
    expectEqual((await reader.get(id))?.name, "New", "after");
    await api.destroy(id);
    expectEqual(await reader.get(id), undefined, "after destroy");
  });

  /** A batcher on a manual clock whose batches are real get_official_account_info calls to the emulator. */
  function emulatorBatcher(batchWindowMs: number) {
    const clock = new ManualClock();
    const reader = apiFor(emulator.url);
    const batcher = new ReadBatcher((batchIds) => reader.getInfoSettled(batchIds), {
      batchWindowMs,
      maxBatchSize: MAX_IDS_PER_INFO_CALL,
      timers: clock,
    });
    return { clock, batcher };
  }

  it("collects reads spread over the configured batchWindowMs into one call", async () => {
    const { clock, batcher } = emulatorBatcher(500);
    const reads: Array<Promise<unknown>> = [];
    for (let i = 0; i < 5; i++) {
      reads.push(batcher.load(ids[i]));
      await clock.advance(5);
    }
    expectEqual(callsOf(emulator, GET_INFO), 0, "calls before the window has passed");
    await clock.advance(500);
    const infos = (await Promise.all(reads)) as Array<{ name: string } | undefined>;
    expectEqual(
      infos.map((info) => info?.name),
      ids.slice(0, 5).map((_, i) => `Batch ${i}`),
      "names",
    );
    expectEqual(callsOf(emulator, GET_INFO), 1, "calls for 5 reads 5 ms apart with a 500 ms window");
  });

  it("sends a batch as soon as it holds 50 distinct ids, without waiting for the window", async () => {
    const { clock, batcher } = emulatorBatcher(60_000);
    // The clock never moves: the reads can only be answered if the 50th id sent the batch.
    await Promise.all(ids.slice(0, 50).map((id) => batcher.load(id)));
    expectEqual(callsOf(emulator, GET_INFO), 1, "calls for 50 ids");
    expectEqual(clock.now(), 0, "ms passed on the batcher's clock");
  });

  it("groups reads that trickle in one at a time, as an engine refresh makes them", async () => {
    const { clock, batcher } = emulatorBatcher(50);
    const reads: Array<Promise<unknown>> = [];
    for (const id of ids.slice(0, 100)) {
      reads.push(batcher.load(id));
      await clock.advance(2);
    }
    await clock.advance(DEFAULT_BATCH_MAX_WAIT_MS);
    await Promise.all(reads);
    const calls = callsOf(emulator, GET_INFO);
    expect(calls, `calls for 100 reads 2 ms apart (want a few, got ${calls})`).to.be.at.most(10);
  });

  describe("skipping the idle window", () => {
    /** A loadMany that records the ids of every call and answers each id with itself. */
    function recordingBatcher(batchWindowMs: number) {
      const calls: string[][] = [];
      const clock = new ManualClock();
      const batcher = new ReadBatcher<string>(
        async (batchIds) => {
          calls.push(batchIds);
          return new Map(batchIds.map((id) => [id, id]));
        },
        { batchWindowMs, maxBatchSize: 50, timers: clock },
      );
      return { calls, batcher, clock };
    }

    it("sends as soon as as many reads are outstanding as the caller kept before, as an engine at --parallel 8 does", async () => {
      const { calls, batcher, clock } = recordingBatcher(3000);
      const round = async (prefix: string) => {
        const reads: Array<Promise<string>> = [];
        for (let i = 0; i < 8; i++) {
          reads.push(batcher.load(`${prefix}${i}`));
          await clock.advance(1);
        }
        return reads;
      };
      const first = await round("a");
      expectEqual(calls.length, 0, "calls before the first round's window passed");
      await clock.advance(3000); // waits out the 3 s window: shows 8 outstanding reads
      expectEqual(await Promise.all(first), ["a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7"], "first round");
      const started = clock.now();
      const second = await round("b");
      expectEqual(calls.length, 2, "calls for two rounds of 8, the second sent with its 8th read");
      expectEqual(clock.now() - started, 8, "ms on the batcher's clock for the second round (the window is 3000)");
      expectEqual(await Promise.all(second), ["b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7"], "second round");
    });

    it("still shares calls when the caller keeps more reads outstanding than it showed before, as at --parallel unbounded", async () => {
      const calls: string[][] = [];
      const clock = new ManualClock();
      // Calls stay in flight for 20 ms, as a real round trip does, so later reads arrive while earlier ones are out.
      const batcher = new ReadBatcher<string>(
        async (batchIds) => {
          calls.push(batchIds);
          await new Promise<void>((resolve) => clock.setTimeout(resolve, 20));
          return new Map(batchIds.map((id) => [id, id]));
        },
        { batchWindowMs: 50, maxBatchSize: 50, timers: clock },
      );
      const round = Promise.all(["a0", "a1", "a2"].map((id) => batcher.load(id)));
      await clock.advance(50 + 20); // waits out the window: 3 outstanding
      await round;
      calls.length = 0;
      const burst = Array.from({ length: 100 }, (_, i) => `b${i}`);
      const answers = Promise.all(burst.map((id) => batcher.load(id)));
      await clock.advance(50 + 20 + 20);
      expectEqual(await answers, burst, "burst answers");
      const sizes = calls.map((ids) => ids.length);
      expect(calls.length, `calls for a burst of 100 after a round of 3 (sizes ${sizes.join(", ")})`).to.be.at.most(4);
    });

    it("sends the open batch at once for an urgent read, with the reads already waiting", async () => {
      const { calls, batcher } = recordingBatcher(60_000);
      const waiting = [batcher.load("x"), batcher.load("y")];
      expectEqual(await batcher.load("z", true), "z", "urgent read");
      expectEqual(await Promise.all(waiting), ["x", "y"], "reads taken along");
      expectEqual(calls, [["x", "y", "z"]], "calls");
    });

    it("learns nothing from lone reads: a later burst still shares one call", async () => {
      const { calls, batcher, clock } = recordingBatcher(50);
      const lone = batcher.load("lone");
      await clock.advance(50);
      await lone;
      const burst = ["p", "q", "r", "s", "t"];
      const answers = Promise.all(burst.map((id) => batcher.load(id)));
      await clock.advance(50);
      await answers;
      expectEqual(calls, [["lone"], burst], "calls");
    });
  });

  it("rejects a negative batch window", () => {
    expect(() => new ReadBatcher(async () => new Map(), { batchWindowMs: -1, maxBatchSize: 50 })).to.throw(
      /batchWindowMs/,
    );
  });
});
