import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RunningEmulator } from "../../emulator";
import { ChatClient, OfficialAccountsApi } from "../../provider/chat";
import { DEFAULT_TIMEOUT_MS } from "../../provider/chat/client-options";
import { DEFAULT_CALLS_PER_SECOND } from "../../provider/chat/rate-limit";
import { DEFAULT_MAX_RETRIES, DEFAULT_TOTAL_DEADLINE_MS } from "../../provider/chat/retry";
import { packageVersion } from "../../provider/package-info";
import { decodeUserSig } from "../../chat-api/user-sig";
import type { GetOfficialAccountInfoRequest } from "../../chat-api/wire-types";
import {
  DEFAULT_IDENTIFIER,
  DEFAULT_SDK_APP_ID,
  FAST_RETRIES,
  apiFor,
  callsOf,
  clientFor,
  expectChatError,
  expectEqual,
  startChatEmulator,
  uniqueId,
} from "./helpers";
import { envelope, startRecordingProxy, startTestServer, type TestServer, withTestServer } from "./test-server";

const GET_INFO = "get_official_account_info";
const CREATE = "create_official_account";
const OWNER = "client-owner";

/** How long a latency fault holds an answer that a test expects the client to stop waiting for. */
const HELD_ANSWER_MS = 30_000;

/** Calls that reached `command`, and how many of them the emulator has answered (in any way) so far. */
function answeredOf(emulator: RunningEmulator, command: string): { calls: number; answered: number } {
  const c = emulator.counters().commands[command];
  return { calls: c.calls, answered: c.ok + c.failed + c.throttled + c.faulted + c.dropped };
}

/**
 * Runs `test` against an emulator of its own holding one account named "Existing": an answer held back by
 * a latency fault is then dropped when it closes, instead of landing in another test's counters later.
 */
async function withOwnEmulator(test: (emulator: RunningEmulator, id: string) => Promise<void>): Promise<void> {
  const own = await startChatEmulator({ importUsers: [OWNER] });
  try {
    const id = uniqueId("held");
    await apiFor(own.url).create({ officialAccountUserId: id, ownerAccount: OWNER, name: "Existing" });
    own.resetCounters();
    await test(own, id);
  } finally {
    await own.close();
  }
}

describe("chat client: transport, retries and UserSig", () => {
  let emulator: RunningEmulator;
  let api: OfficialAccountsApi;
  /** An account that exists, for reads. */
  let existing: string;

  before(async () => {
    emulator = await startChatEmulator({ importUsers: [OWNER] });
    api = apiFor(emulator.url);
    existing = uniqueId("client");
    await api.create({ officialAccountUserId: existing, ownerAccount: OWNER, name: "Existing" });
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.setFaults({});
    emulator.resetCounters();
  });

  it("exports named defaults with units in their names", () => {
    expectEqual(DEFAULT_CALLS_PER_SECOND, 190, "DEFAULT_CALLS_PER_SECOND");
    expectEqual(DEFAULT_MAX_RETRIES, 3, "DEFAULT_MAX_RETRIES");
    expect(DEFAULT_TIMEOUT_MS).to.be.a("number").greaterThan(0);
    expect(DEFAULT_TOTAL_DEADLINE_MS).to.be.greaterThan(DEFAULT_TIMEOUT_MS);
  });

  describe("the request envelope", () => {
    let proxy: TestServer;
    before(async () => {
      proxy = await startRecordingProxy(emulator.url);
    });
    after(() => proxy.close());

    it("sends the documented query string, a JSON body, and a User-Agent naming the package", async () => {
      await apiFor(proxy.url).get(existing);
      const request = proxy.requests.at(-1)!;
      expectEqual(request.method, "POST", "method");
      expectEqual(request.url.pathname, `/v4/official_account_open_http_svc/${GET_INFO}`, "path");
      const query = request.url.searchParams;
      expectEqual(
        [...query.keys()].sort(),
        ["contenttype", "identifier", "random", "sdkappid", "usersig"],
        "query keys",
      );
      expectEqual(query.get("sdkappid"), String(DEFAULT_SDK_APP_ID), "sdkappid");
      expectEqual(query.get("identifier"), DEFAULT_IDENTIFIER, "identifier");
      expectEqual(query.get("contenttype"), "json", "contenttype");
      const random = Number(query.get("random"));
      expect(Number.isInteger(random) && random >= 0 && random <= 4294967295, `random ${random} is a uint32`).to.equal(
        true,
      );
      expectEqual(decodeUserSig(query.get("usersig")!)?.identifier, DEFAULT_IDENTIFIER, "UserSig identifier");
      expectEqual(JSON.parse(request.body), { OfficialAccountIdList: [{ Official_Account: existing }] }, "body");
      expect(request.headers["content-type"]).to.match(/^application\/json/);
      expectEqual(
        request.headers["user-agent"],
        `pulumi-tencent-chat/${packageVersion()} node/${process.versions.node}`,
        "UA",
      );
      const manifest = JSON.parse(readFileSync(join(__dirname, "../../../package.json"), "utf8")) as {
        version: string;
      };
      expectEqual(packageVersion(), manifest.version, "version read from package.json");
    });

    it("sends {} as the body of a command without fields and a fresh random on every request", async () => {
      const client = clientFor(proxy.url);
      // Deliberately no fields: the transport must still send a JSON object.
      await client.call(GET_INFO, {} as GetOfficialAccountInfoRequest).catch(() => undefined);
      expectEqual(proxy.requests.at(-1)!.body, "{}", "body of an empty command");
      const before = proxy.requests.length;
      await Promise.all([1, 2, 3, 4, 5].map(() => apiFor(proxy.url).getInfo([existing])));
      const randoms = new Set(proxy.requests.slice(before).map((r) => r.url.searchParams.get("random")));
      expectEqual(randoms.size, 5, "distinct random values over 5 requests");
    });

    it("reuses one cached UserSig across calls", async () => {
      const client = clientFor(proxy.url);
      const reads = new OfficialAccountsApi(client);
      const before = proxy.requests.length;
      await reads.getInfo([existing]);
      await reads.getInfo([existing]);
      const sigs = new Set(proxy.requests.slice(before).map((r) => r.url.searchParams.get("usersig")));
      expectEqual(sigs.size, 1, "distinct UserSigs over 2 calls");
      expectEqual(client.userSigSignCount, 1, "signatures made");
    });
  });

  describe("retries", () => {
    it("retries a transient code (10004/20005) until it clears, each retry a fresh request with the same body", async () => {
      emulator.setFaults({ transient: 1, commands: [GET_INFO] });
      const proxy = await startRecordingProxy(emulator.url);
      try {
        const lines: string[] = [];
        let failures = 0;
        const reads = apiFor(proxy.url, {
          ...FAST_RETRIES,
          log: (line) => {
            lines.push(line);
            // Let the fault clear after two failed attempts.
            if (/attempt \d+ -> (10004|20005)/.test(line) && ++failures === 2) emulator.setFaults({});
          },
        });
        const info = await reads.get(existing);
        expectEqual(info?.officialAccountUserId, existing, "id read");
        const c = emulator.counters().commands[GET_INFO];
        expectEqual({ calls: c.calls, faulted: c.faulted, ok: c.ok }, { calls: 3, faulted: 2, ok: 1 }, "counters");
        expect(lines.filter((l) => /retrying \(transient\)/.test(l)).length).to.equal(2);
        expectEqual(new Set(proxy.requests.map((r) => r.body)).size, 1, "distinct bodies over the attempts");
        const randoms = new Set(proxy.requests.map((r) => r.url.searchParams.get("random")));
        expectEqual(randoms.size, 3, "distinct random values over the attempts");
      } finally {
        await proxy.close();
      }
    });

    it("gives up on a persistent transient code after 1 + maxRetries calls, with a retryable error", async () => {
      emulator.setFaults({ transient: 1, commands: [GET_INFO] });
      const error = await expectChatError(
        apiFor(emulator.url, { ...FAST_RETRIES, maxRetries: 2 }).get(existing),
        "get",
      );
      expect([10004, 20005]).to.include(error.code);
      expectEqual(callsOf(emulator, GET_INFO), 3, "calls");
      expectEqual(error.attempts, 3, "attempts on the error");
      expectEqual(error.retryable, true, "retryable");
      expect(error.message).to.match(/\(after 3 attempts\)$/);
    });

    it("retries throttling (60007) within its own larger budget", async () => {
      emulator.setFaults({ throttle: 1, commands: [GET_INFO] });
      const error = await expectChatError(
        apiFor(emulator.url, { ...FAST_RETRIES, maxRetries: 1, maxThrottleRetries: 4 }).get(existing),
        "get while always throttled",
      );
      expectEqual(error.code, 60007, "code");
      expectEqual(callsOf(emulator, GET_INFO), 5, "calls (1 + maxThrottleRetries, not maxRetries)");
      emulator.resetCounters();
      let throttled = 0;
      const reads = apiFor(emulator.url, {
        ...FAST_RETRIES,
        log: (line) => {
          if (/attempt \d+ -> 60007/.test(line) && ++throttled === 3) emulator.setFaults({});
        },
      });
      expectEqual((await reads.get(existing))?.officialAccountUserId, existing, "read after the throttling passed");
      expectEqual(emulator.counters().commands[GET_INFO].faulted, 3, "throttled answers absorbed");
    });

    it("retries HTTP 502 and reports the status when it persists", async () => {
      emulator.setFaults({ http502: 1, commands: [GET_INFO] });
      const error = await expectChatError(
        apiFor(emulator.url, { ...FAST_RETRIES, maxRetries: 2 }).get(existing),
        "get",
      );
      expectEqual({ code: error.code, httpStatus: error.httpStatus }, { code: -1, httpStatus: 502 }, "error");
      expectEqual(callsOf(emulator, GET_INFO), 3, "calls");
      expect(error.message).to.match(/failed with HTTP 502/);
      emulator.resetCounters();
      emulator.setFaults({ http502: 0.5, commands: [GET_INFO] });
      const reads = apiFor(emulator.url, { ...FAST_RETRIES, maxRetries: 20 });
      const results = await Promise.all(Array.from({ length: 10 }, () => reads.getInfo([existing])));
      expectEqual(results.filter((r) => r.get(existing)?.name === "Existing").length, 10, "reads through 50% 502s");
    });

    it("retries a dropped connection (the emulator's drop fault) and the read succeeds", async () => {
      emulator.setFaults({ drop: 1, commands: [GET_INFO] });
      const reads = apiFor(emulator.url, {
        ...FAST_RETRIES,
        log: (line) => {
          if (/attempt 1 -> [A-Z_]+ after/.test(line)) emulator.setFaults({});
        },
      });
      expectEqual((await reads.get(existing))?.name, "Existing", "name");
      const c = emulator.counters().commands[GET_INFO];
      expectEqual({ calls: c.calls, dropped: c.dropped, ok: c.ok }, { calls: 2, dropped: 1, ok: 1 }, "counters");
    });

    it("reports a connection that always drops as a transport error with the network code", async () => {
      emulator.setFaults({ drop: 1, commands: [GET_INFO] });
      const error = await expectChatError(
        apiFor(emulator.url, { ...FAST_RETRIES, maxRetries: 1 }).get(existing),
        "get",
      );
      expectEqual(error.code, -1, "code");
      expect(error.networkCode, "networkCode").to.be.a("string").and.not.equal("");
      expectEqual(error.possiblyApplied, true, "possiblyApplied");
      expectEqual(callsOf(emulator, GET_INFO), 2, "calls");
    });

    it("times out a slow answer after timeoutMs and retries it", async () => {
      await withOwnEmulator(async (slow, id) => {
        // The first answer is held far longer than the whole read may take: the read can only end before the
        // emulator lets go of it if the client cut that attempt short.
        slow.setFaults({ latencyMs: HELD_ANSWER_MS, commands: [GET_INFO] });
        let timeouts = 0;
        const reads = apiFor(slow.url, {
          ...FAST_RETRIES,
          timeoutMs: 1000,
          log: (line) => {
            if (/attempt \d+ -> ETIMEDOUT/.test(line) && ++timeouts === 1) slow.setFaults({});
          },
        });
        expectEqual((await reads.get(id))?.name, "Existing", "name after a timeout");
        expectEqual(timeouts, 1, "timed-out attempts");
        expectEqual(
          answeredOf(slow, GET_INFO),
          { calls: 2, answered: 1 },
          "calls, and answers given when the read ended (the first attempt's is still held back)",
        );
      });
    });

    it("gives up on persistent timeouts with a timeout error naming timeoutMs", async () => {
      emulator.setFaults({ latencyMs: 1000, commands: [GET_INFO] });
      const error = await expectChatError(
        apiFor(emulator.url, { ...FAST_RETRIES, timeoutMs: 100, maxRetries: 1 }).get(existing),
        "get",
      );
      expectEqual(
        { code: error.code, networkCode: error.networkCode },
        { code: -1, networkCode: "ETIMEDOUT" },
        "error",
      );
      expect(error.message).to.match(/no answer within 100 ms/);
      expectEqual(callsOf(emulator, GET_INFO), 2, "calls");
    });

    it("honours totalDeadlineMs across attempts", async () => {
      await withOwnEmulator(async (slow, id) => {
        // Only the 400 ms deadline can end this read early: the attempt's own timeout is a minute, and the
        // held answer (ok) would come after 20 s. So the error must arrive while the answer is still held.
        slow.setFaults({ latencyMs: 20_000, commands: [GET_INFO] });
        const error = await expectChatError(
          apiFor(slow.url, { timeoutMs: 60_000, totalDeadlineMs: 400, maxRetries: 5 }).get(id),
          "get",
        );
        expectEqual(error.networkCode, "ETIMEDOUT", "networkCode");
        expectEqual(
          answeredOf(slow, GET_INFO),
          { calls: 1, answered: 0 },
          "calls (no time left for a retry), and answers given when the error came",
        );
      });
    });

    it("does not retry a non-transient code such as 6017", async () => {
      const error = await expectChatError(
        apiFor(emulator.url, FAST_RETRIES).create({
          ownerAccount: OWNER,
          name: "x".repeat(151),
          officialAccountUserId: uniqueId("long"),
        }),
        "create with a 151-byte name",
      );
      expectEqual(error.code, 6017, "code");
      expectEqual(error.retryable, false, "retryable");
      expectEqual(callsOf(emulator, CREATE), 1, "calls");
    });

    it("does not retry a wrong secret key (70003) and says to check the key", async () => {
      const error = await expectChatError(
        apiFor(emulator.url, { ...FAST_RETRIES, secretKey: "not-the-emulator-key" }).get(existing),
        "get with a wrong key",
      );
      expectEqual(error.code, 70003, "code");
      expect(error.hint).to.match(/secret key/);
      expect(error.message).to.match(
        /^get_official_account_info failed with 70003 \(UserSig check failed\): .+\. Hint: /,
      );
      expectEqual(callsOf(emulator, GET_INFO), 1, "calls");
    });

    it("retries a refused connection as never sent (possiblyApplied false)", async () => {
      const closed = await startTestServer(() => ({ body: envelope(0) }));
      await closed.close();
      const error = await expectChatError(
        apiFor(closed.url, { ...FAST_RETRIES, maxRetries: 2 }).create({
          ownerAccount: OWNER,
          name: "n",
          officialAccountUserId: uniqueId("refused"),
        }),
        "create against a closed port",
      );
      expectEqual(
        { code: error.code, networkCode: error.networkCode },
        { code: -1, networkCode: "ECONNREFUSED" },
        "error",
      );
      expectEqual(error.attempts, 3, "attempts");
      expectEqual(error.possiblyApplied, false, "possiblyApplied");
      expect(error.hint).to.match(/is the emulator running/);
    });

    it("turns a non-JSON answer into a protocol error (-2) without retrying", async () => {
      await withTestServer(
        () => ({ body: "<html>not the Chat API</html>" }),
        async (server) => {
          const error = await expectChatError(apiFor(server.url, FAST_RETRIES).get(existing), "get");
          expectEqual(error.code, -2, "code");
          expect(error.info).to.contain("<html>not the Chat API</html>");
          expectEqual(server.requests.length, 1, "requests");
        },
      );
    });
  });

  describe("UserSig lifetime", () => {
    it("renews an expired UserSig once on 70001 and the call succeeds", async () => {
      // The client's clock stands still, so it keeps using its 1-second sig. The emulator's clock runs 2.2 s
      // ahead, so it sees that sig expire, until the client signs a new one (real time, like the vendor's
      // signer): from then on it tells the real time again. No real waiting.
      const frozenNow = Date.now();
      let aheadMs = 0;
      const timed = await startChatEmulator({ importUsers: [OWNER], clock: () => Date.now() + aheadMs });
      try {
        const lines: string[] = [];
        const client = clientFor(timed.url, {
          userSigTtlSeconds: 1,
          nowMs: () => frozenNow,
          log: (l) => {
            lines.push(l);
            if (/signing a new UserSig and retrying once/.test(l)) aheadMs = 0;
          },
        });
        const reads = new OfficialAccountsApi(client);
        const id = uniqueId("renew");
        await reads.create({ officialAccountUserId: id, ownerAccount: OWNER, name: "Existing" });
        aheadMs = 2200;
        timed.resetCounters();
        expectEqual((await reads.getInfo([id])).get(id)?.name, "Existing", "name after renewal");
        const c = timed.counters().commands[GET_INFO];
        expectEqual(
          { calls: c.calls, failed: c.failed, ok: c.ok },
          { calls: 2, failed: 1, ok: 1 },
          "counters (70001, then ok)",
        );
        expectEqual(client.userSigSignCount, 2, "signatures made");
        expect(
          lines.some((l) => /got 70001 \(UserSig expired\); signing a new UserSig and retrying once/.test(l)),
        ).to.equal(true);
      } finally {
        await timed.close();
      }
    });

    it("renews only once per call when the server keeps answering 70001", async () => {
      // The emulator's clock runs ten years ahead: every UserSig the client signs has expired by its clock.
      const ahead = await startChatEmulator({ clock: () => Date.now() + 10 * 365 * 86_400_000 });
      try {
        const client = clientFor(ahead.url, FAST_RETRIES);
        const error = await expectChatError(new OfficialAccountsApi(client).get(existing), "get");
        expectEqual(error.code, 70001, "code");
        const c = ahead.counters().commands[GET_INFO];
        expectEqual({ calls: c.calls, failed: c.failed }, { calls: 2, failed: 2 }, "calls (one renewal), both 70001");
        expectEqual(client.userSigSignCount, 2, "signatures (first use + one renewal)");
      } finally {
        await ahead.close();
      }
    });

    it("renews the UserSig proactively before it expires", async () => {
      let now = Date.now();
      const client = clientFor(emulator.url, {
        userSigTtlSeconds: 600,
        userSigRenewBeforeSeconds: 60,
        nowMs: () => now,
      });
      const reads = new OfficialAccountsApi(client);
      await reads.getInfo([existing]);
      now += 500_000; // 100 s left: not yet due
      await reads.getInfo([existing]);
      expectEqual(client.userSigSignCount, 1, "signatures while fresh");
      now += 50_000; // 50 s left: within the 60 s renewal margin
      await reads.getInfo([existing]);
      expectEqual(client.userSigSignCount, 2, "signatures after the renewal point");
      expectEqual(emulator.counters().commands[GET_INFO].failed, 0, "no call failed");
    });

    it("caps the renewal margin at half the TTL for short-lived sigs", async () => {
      let now = Date.now();
      const client = clientFor(emulator.url, { userSigTtlSeconds: 10, nowMs: () => now });
      const reads = new OfficialAccountsApi(client);
      await reads.getInfo([existing]);
      now += 4_000;
      await reads.getInfo([existing]);
      expectEqual(client.userSigSignCount, 1, "signatures at 4 s of 10");
      now += 2_000;
      await reads.getInfo([existing]);
      expectEqual(client.userSigSignCount, 2, "signatures at 6 s of 10");
    });
  });

  it("validates its options with messages that name the option", () => {
    const base = {
      sdkAppId: DEFAULT_SDK_APP_ID,
      identifier: DEFAULT_IDENTIFIER,
      secretKey: "k",
      endpoint: emulator.url,
    };
    expect(() => new ChatClient({ ...base, sdkAppId: 0 })).to.throw(/sdkAppId must be a positive integer/);
    expect(() => new ChatClient({ ...base, sdkAppId: Number("x") })).to.throw(/sdkAppId/);
    expect(() => new ChatClient({ ...base, identifier: "" })).to.throw(/identifier/);
    expect(() => new ChatClient({ ...base, secretKey: "" })).to.throw(/secretKey is required/);
    expect(() => new ChatClient({ ...base, timeoutMs: 0 })).to.throw(/timeoutMs/);
    expect(() => new ChatClient({ ...base, maxRetries: -1 })).to.throw(/maxRetries/);
    expect(() => new ChatClient({ ...base, userSigTtlSeconds: 0 })).to.throw(/userSigTtlSeconds/);
  });
});
