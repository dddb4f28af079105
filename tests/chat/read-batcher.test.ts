import { expect } from "chai";
import type { RunningEmulator } from "../../emulator";
import { OfficialAccountsApi } from "../../provider/chat";
import { ReadBatcher } from "../../provider/chat/read-batcher";
import { apiFor, callsOf, expectEqual, startChatEmulator, uniqueId } from "./helpers";

const OWNER = "batch-owner";
const GET_INFO = "get_official_account_info";

describe("chat client: batched reads", () => {
  let emulator: RunningEmulator;
  let api: OfficialAccountsApi;
  const ids: string[] = [];

  before(async function () {
    this.timeout(120_000);
    emulator = await startChatEmulator({ importAccounts: [OWNER] });
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

  it("collects reads spread over the configured batchWindowMs into one call", async () => {
    const reader = apiFor(emulator.url, {}, 500);
    const reads: Array<Promise<unknown>> = [];
    for (let i = 0; i < 5; i++) {
      reads.push(reader.get(ids[i]));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(reads);
    expectEqual(callsOf(emulator, GET_INFO), 1, "calls for 5 reads 5 ms apart with a 500 ms window");
  });

  it("sends a batch as soon as it holds 50 distinct ids, without waiting for the window", async () => {
    const reader = apiFor(emulator.url, {}, 60_000);
    const started = Date.now();
    await Promise.all(ids.slice(0, 50).map((id) => reader.get(id)));
    expectEqual(callsOf(emulator, GET_INFO), 1, "calls for 50 ids");
    expect(Date.now() - started, "ms for a full batch with a 60 s window").to.be.below(30_000);
  });

  it("groups reads that trickle in one at a time, as an engine refresh makes them", async () => {
    const reader = apiFor(emulator.url, {}, 50);
    const reads: Array<Promise<unknown>> = [];
    for (const id of ids.slice(0, 100)) {
      reads.push(reader.get(id));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await Promise.all(reads);
    const calls = callsOf(emulator, GET_INFO);
    expect(calls, `calls for 100 reads 2 ms apart (want a few, got ${calls})`).to.be.at.most(10);
  });

  describe("skipping the idle window", () => {
    /** A loadMany that records the ids of every call and answers each id with itself. */
    function recordingBatcher(batchWindowMs: number) {
      const calls: string[][] = [];
      const batcher = new ReadBatcher<string>(
        async (batchIds) => {
          calls.push(batchIds);
          return new Map(batchIds.map((id) => [id, id]));
        },
        { batchWindowMs, maxBatchSize: 50 },
      );
      return { calls, batcher };
    }
    const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

    it("sends as soon as as many reads are outstanding as the caller kept before, as an engine at --parallel 8 does", async () => {
      const { calls, batcher } = recordingBatcher(3000);
      const round = async (prefix: string) => {
        const reads: Array<Promise<string>> = [];
        for (let i = 0; i < 8; i++) {
          reads.push(batcher.load(`${prefix}${i}`));
          await tick();
        }
        return Promise.all(reads);
      };
      await round("a"); // waits out the 3 s window: shows 8 outstanding reads
      const started = Date.now();
      expectEqual(await round("b"), ["b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7"], "second round");
      const elapsed = Date.now() - started;
      expectEqual(calls.length, 2, "calls for two rounds of 8");
      expect(elapsed, `ms for the second round (the window is 3000 ms), got ${elapsed}`).to.be.below(2500);
    });

    it("still shares calls when the caller keeps more reads outstanding than it showed before, as at --parallel unbounded", async () => {
      const calls: string[][] = [];
      // Calls stay in flight for 20 ms, as a real round trip does, so later reads arrive while earlier ones are out.
      const batcher = new ReadBatcher<string>(
        async (batchIds) => {
          calls.push(batchIds);
          await new Promise((resolve) => setTimeout(resolve, 20));
          return new Map(batchIds.map((id) => [id, id]));
        },
        { batchWindowMs: 50, maxBatchSize: 50 },
      );
      await Promise.all(["a0", "a1", "a2"].map((id) => batcher.load(id))); // waits out the window: 3 outstanding
      calls.length = 0;
      const burst = Array.from({ length: 100 }, (_, i) => `b${i}`);
      expectEqual(await Promise.all(burst.map((id) => batcher.load(id))), burst, "burst answers");
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
      const { calls, batcher } = recordingBatcher(50);
      await batcher.load("lone");
      const burst = ["p", "q", "r", "s", "t"];
      await Promise.all(burst.map((id) => batcher.load(id)));
      expectEqual(calls, [["lone"], burst], "calls");
    });
  });

  it("rejects a negative batch window", () => {
    expect(() => new ReadBatcher(async () => new Map(), { batchWindowMs: -1, maxBatchSize: 50 })).to.throw(
      /batchWindowMs/,
    );
  });
});
