import { expect } from "chai";
import type { RunningEmulator } from "../../emulator";
import { ChatApiError, OfficialAccountsApi, type OfficialAccountInfo } from "../../provider/chat";
import { FAST_RETRIES, apiFor, callsOf, expectChatError, expectEqual, startChatEmulator, uniqueId } from "./helpers";
import { envelope, startRecordingProxy, withTestServer } from "./test-server";

const OWNER = "oa-owner";
const CREATE = "create_official_account";
const GET_INFO = "get_official_account_info";
const LIST_SUBSCRIBED = "get_subscribed_official_account_list";
const GET_SUBSCRIBERS = "get_subscriber_info";

/** Clears the emulator's faults once the first attempt of a call has lost its answer. */
function clearFaultsAfterFirstLostAnswer(emulator: RunningEmulator): (line: string) => void {
  return (line) => {
    if (/attempt 1 -> [A-Z_]+ after/.test(line)) emulator.setFaults({});
  };
}

describe("chat client: official-account commands", () => {
  let emulator: RunningEmulator;
  let api: OfficialAccountsApi;

  before(async () => {
    // The read-back tests below check maxSubscriberNum, which the emulator returns only when asked (as the live API may not).
    emulator = await startChatEmulator({ importUsers: [OWNER], returnMaxSubscriberNum: true });
    api = apiFor(emulator.url, FAST_RETRIES);
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.setFaults({});
    emulator.resetCounters();
  });

  describe("create", () => {
    it("creates an account with a chosen id and every profile field, read back in camelCase", async () => {
      const id = uniqueId("create");
      const profile = {
        ownerAccount: OWNER,
        name: "News 新闻",
        introduction: "Daily news",
        faceUrl: "https://example.com/face.png",
        organization: "Example Org",
        customString: '{"tier":1}',
        maxSubscriberNum: 5000,
      };
      const result = await api.create({ officialAccountUserId: id, ...profile });
      expectEqual(result, { officialAccountUserId: id, maybeCreatedByEarlierAttempt: false }, "result");
      const info = (await api.get(id)) as OfficialAccountInfo;
      const { createTime, ...rest } = info;
      expect(createTime, "createTime").to.be.a("number").greaterThan(0);
      expectEqual(rest, { officialAccountUserId: id, ...profile, lastMsgTime: 0, subscriberNum: 0 }, "info");
    });

    it("returns the id the API generates when none is given", async () => {
      const result = await api.create({ ownerAccount: OWNER, name: "Generated" });
      expect(result.officialAccountUserId).to.match(/^@TOA#_.+/);
      expectEqual(result.maybeCreatedByEarlierAttempt, false, "maybeCreatedByEarlierAttempt");
      expectEqual((await api.get(result.officialAccountUserId))?.name, "Generated", "name");
    });

    it("throws 130008 when the id is taken on the first attempt", async () => {
      const id = uniqueId("taken");
      await api.create({ officialAccountUserId: id, ownerAccount: OWNER, name: "First" });
      const error = await expectChatError(
        api.create({ officialAccountUserId: id, ownerAccount: OWNER, name: "Second" }),
        "create",
      );
      expectEqual(
        { code: error.code, attempts: error.attempts, command: error.command },
        { code: 130008, attempts: 1, command: CREATE },
        "error",
      );
      expect(error.hint).to.match(/adopt/);
    });

    it("returns maybeCreatedByEarlierAttempt when a lost answer's retry finds the id taken", async () => {
      const id = uniqueId("lost");
      emulator.setFaults({ drop: 1, commands: [CREATE] });
      const lossy = apiFor(emulator.url, { ...FAST_RETRIES, log: clearFaultsAfterFirstLostAnswer(emulator) });
      const result = await lossy.create({ officialAccountUserId: id, ownerAccount: OWNER, name: "Lost answer" });
      expectEqual(result, { officialAccountUserId: id, maybeCreatedByEarlierAttempt: true }, "result");
      const c = emulator.counters().commands[CREATE];
      expectEqual(
        { calls: c.calls, dropped: c.dropped, failed: c.failed },
        { calls: 2, dropped: 1, failed: 1 },
        "counters",
      );
      expectEqual((await api.get(id))?.name, "Lost answer", "the account the first attempt created");
    });

    it("does not retry a create without an id after a lost answer, and says it may have applied", async () => {
      emulator.setFaults({ drop: 1, commands: [CREATE] });
      const before = emulator.snapshot().accounts.length;
      const error = await expectChatError(
        apiFor(emulator.url, FAST_RETRIES).create({ ownerAccount: OWNER, name: "No id" }),
        "create",
      );
      expectEqual(
        { code: error.code, possiblyApplied: error.possiblyApplied },
        { code: -1, possiblyApplied: true },
        "error",
      );
      expectEqual(callsOf(emulator, CREATE), 1, "calls");
      expectEqual(emulator.snapshot().accounts.length, before + 1, "accounts (the dropped call was applied once)");
    });

    it("fails with 70107 and 'import it first' when the owner was never imported", async () => {
      const error = await expectChatError(
        api.create({ officialAccountUserId: uniqueId("noowner"), ownerAccount: "never-imported", name: "x" }),
        "create",
      );
      expectEqual(error.code, 70107, "code");
      expect(error.message).to.match(/import it first/);
    });
  });

  describe("getInfo and get", () => {
    const ids: string[] = [];
    before(async () => {
      for (let i = 0; i < 40; i++) ids.push(uniqueId("info"));
      await Promise.all(
        ids.map((id, i) => api.create({ officialAccountUserId: id, ownerAccount: OWNER, name: `Info ${i}` })),
      );
    });

    it("splits 120 ids into 3 calls of at most 50 and maps every id, undefined for missing ones", async () => {
      const missing = Array.from({ length: 80 }, () => uniqueId("missing"));
      const all = [...ids, ...missing];
      emulator.resetCounters();
      const result = await api.getInfo(all);
      expectEqual(callsOf(emulator, GET_INFO), 3, "get_official_account_info calls for 120 ids");
      expectEqual(result.size, 120, "entries");
      ids.forEach((id, i) => expectEqual(result.get(id)?.name, `Info ${i}`, `name of ${id}`));
      for (const id of missing) {
        expect(result.has(id), `${id} present`).to.equal(true);
        expectEqual(result.get(id), undefined, `value of missing ${id}`);
      }
    });

    it("makes no call for no ids and one entry for repeated ids", async () => {
      expectEqual((await api.getInfo([])).size, 0, "entries for no ids");
      expectEqual(callsOf(emulator, GET_INFO), 0, "calls for no ids");
      const result = await api.getInfo([ids[0], ids[0], ids[1]]);
      expectEqual([...result.keys()], [ids[0], ids[1]], "keys");
      expectEqual(callsOf(emulator, GET_INFO), 1, "calls");
    });

    it("passes a field filter and leaves unrequested fields (and maxSubscriberNum) undefined", async () => {
      const result = await api.getInfo([ids[0]], ["Name", "Owner_Account"]);
      expectEqual(
        result.get(ids[0]),
        { officialAccountUserId: ids[0], name: "Info 0", ownerAccount: OWNER },
        "filtered info",
      );
    });

    it("throws a per-item error other than 130004, naming the id; getInfoSettled isolates it", async () => {
      const bad = "not-an-official-account-id";
      const error = await expectChatError(api.getInfo([ids[0], bad]), "getInfo with a malformed id");
      expectEqual({ code: error.code, subject: error.subject }, { code: 130007, subject: bad }, "error");
      expect(error.message).to.match(/^get_official_account_info failed for not-an-official-account-id with 130007/);
      const settled = await api.getInfoSettled([ids[0], bad]);
      expectEqual((settled.get(ids[0]) as OfficialAccountInfo).name, "Info 0", "good id's name");
      expect((settled.get(bad) as Error).message).to.match(/130007/);
    });

    it("returns undefined from get for an account that does not exist", async () => {
      expectEqual(await api.get(uniqueId("nothing")), undefined, "get of a missing id");
    });

    it("matches items by position when the answer carries no Official_Account", async () => {
      await withTestServer(
        () => ({
          body: envelope(0, "", {
            OfficialAccountInfoList: [
              { ErrorCode: 0, ErrorInfo: "", Name: "first" },
              { ErrorCode: 130004, ErrorInfo: "gone" },
              { ErrorCode: 0, ErrorInfo: "", Name: "third", MaxSubscriberNum: 7 },
            ],
          }),
        }),
        async (server) => {
          const result = await apiFor(server.url).getInfo(["@TOA#_a", "@TOA#_b", "@TOA#_c"]);
          expectEqual(
            [...result.entries()],
            [
              ["@TOA#_a", { officialAccountUserId: "@TOA#_a", name: "first" }],
              ["@TOA#_b", undefined],
              ["@TOA#_c", { officialAccountUserId: "@TOA#_c", name: "third", maxSubscriberNum: 7 }],
            ],
            "entries",
          );
        },
      );
    });

    it("matches items by Official_Account even when the answer is out of order", async () => {
      await withTestServer(
        () => ({
          body: envelope(0, "", {
            OfficialAccountInfoList: [
              { ErrorCode: 0, ErrorInfo: "", Official_Account: "@TOA#_y", Name: "why" },
              { ErrorCode: 0, ErrorInfo: "", Official_Account: "@TOA#_x", Name: "ex" },
            ],
          }),
        }),
        async (server) => {
          const result = await apiFor(server.url).getInfoSettled(["@TOA#_x", "@TOA#_y", "@TOA#_z"], ["Name"]);
          expectEqual((result.get("@TOA#_x") as OfficialAccountInfo).name, "ex", "x");
          expectEqual((result.get("@TOA#_y") as OfficialAccountInfo).name, "why", "y");
          expectEqual((result.get("@TOA#_z") as ChatApiError).code, -2, "code for an id the answer leaves out");
          const error = await expectChatError(apiFor(server.url).getInfo(["@TOA#_x", "@TOA#_z"]), "getInfo");
          expectEqual({ code: error.code, subject: error.subject }, { code: -2, subject: "@TOA#_z" }, "error");
        },
      );
    });
  });

  describe("modify and destroy", () => {
    it("changes only the given fields", async () => {
      const id = uniqueId("modify");
      await api.create({ officialAccountUserId: id, ownerAccount: OWNER, name: "Before", introduction: "keep me" });
      await api.modify(id, { name: "After", customString: "", maxSubscriberNum: 42 });
      const info = await api.get(id);
      expectEqual(
        {
          name: info?.name,
          introduction: info?.introduction,
          customString: info?.customString,
          max: info?.maxSubscriberNum,
        },
        { name: "After", introduction: "keep me", customString: "", max: 42 },
        "fields after modify",
      );
    });

    it("makes no call when there is nothing to change, and throws 130004 for a missing account", async () => {
      await api.modify(uniqueId("nochange"), {});
      expectEqual(callsOf(emulator, "modify_official_account_base_info"), 0, "calls for no changes");
      const error = await expectChatError(api.modify(uniqueId("gone"), { name: "x" }), "modify a missing account");
      expectEqual(error.code, 130004, "code");
    });

    it("destroys an account and treats destroying a missing one as done", async () => {
      const id = uniqueId("destroy");
      await api.create({ officialAccountUserId: id, ownerAccount: OWNER, name: "Doomed" });
      expectEqual(await api.destroy(id), { existed: true }, "first destroy");
      expectEqual(await api.get(id), undefined, "get after destroy");
      expectEqual(await api.destroy(id), { existed: false }, "second destroy");
    });

    it("reports existed: true when a destroy's lost answer is retried into 130004", async () => {
      const id = uniqueId("destroylost");
      await api.create({ officialAccountUserId: id, ownerAccount: OWNER, name: "Doomed" });
      emulator.setFaults({ drop: 1, commands: ["destroy_official_account"] });
      const lossy = apiFor(emulator.url, { ...FAST_RETRIES, log: clearFaultsAfterFirstLostAnswer(emulator) });
      expectEqual(await lossy.destroy(id), { existed: true }, "destroy with a lost answer");
      expectEqual(callsOf(emulator, "destroy_official_account"), 2, "calls");
    });
  });

  describe("subscriptions and pagination", () => {
    const reader = "oa-reader";
    const subscribed: string[] = [];
    let popular: string;

    before(async function () {
      this.timeout(120_000);
      await api.importUsers([reader]);
      // One user subscribed to 450 accounts.
      for (let i = 0; i < 450; i++) subscribed.push(uniqueId("sub"));
      await Promise.all(
        subscribed.map(async (id, i) => {
          await api.create({ officialAccountUserId: id, ownerAccount: OWNER, name: `Sub ${i}` });
          await api.addSubscribers(id, [reader]);
        }),
      );
      // One account with 450 subscribers.
      popular = uniqueId("popular");
      await api.create({ officialAccountUserId: popular, ownerAccount: OWNER, name: "Popular" });
    });

    it("imports 250 accounts in 3 multiaccount_import calls and rejects a bad UserID by name", async () => {
      const users = Array.from({ length: 250 }, (_, i) => `fan-${i}`);
      await api.importUsers(users);
      expectEqual(callsOf(emulator, "multiaccount_import"), 3, "multiaccount_import calls");
      const error = await expectChatError(api.importUsers(["ok-user", "x".repeat(33)]), "import a 33-byte UserID");
      expectEqual(error.code, -3, "code");
      expect(error.info).to.contain("x".repeat(33));
    });

    it("adds 450 subscribers in calls of 100 and lists them all following Next", async () => {
      const fans = Array.from({ length: 450 }, (_, i) => `fan-${i}`);
      await api.importUsers(fans);
      emulator.resetCounters();
      await api.addSubscribers(popular, fans);
      expectEqual(callsOf(emulator, "add_subscriber"), 5, "add_subscriber calls");
      const first = await api.getSubscribers(popular, { limit: 200 });
      expectEqual({ n: first.subscribers.length, total: first.subscriberNum }, { n: 200, total: 450 }, "first page");
      expect(first.next).to.not.equal("");
      expect(first.subscribers[0].subscribeTime).to.be.a("number");
      emulator.resetCounters();
      const all = await api.listAllSubscribers(popular);
      expectEqual(callsOf(emulator, GET_SUBSCRIBERS), 3, "get_subscriber_info calls for 450");
      expectEqual(new Set(all.map((s) => s.subscriberAccount)), new Set(fans), "subscribers");
      expectEqual((await api.get(popular))?.subscriberNum, 450, "subscriberNum");
    });

    it("deletes subscribers", async () => {
      await api.deleteSubscribers(popular, ["fan-0", "fan-1"]);
      expectEqual((await api.get(popular))?.subscriberNum, 448, "subscriberNum after deleting 2");
      expect((await api.listAllSubscribers(popular)).some((s) => s.subscriberAccount === "fan-0")).to.equal(false);
    });

    it("fails add_subscriber past MaxSubscriberNum (Result 0: emulator's guess), naming only the users that did not fit", async () => {
      const small = uniqueId("small");
      await api.create({ officialAccountUserId: small, ownerAccount: OWNER, name: "Small", maxSubscriberNum: 2 });
      const error = await expectChatError(
        api.addSubscribers(small, ["fan-1", "fan-2", "fan-3"]),
        "add 3 to a max of 2",
      );
      expectEqual({ code: error.code, subject: error.subject }, { code: -3, subject: small }, "error");
      expect(error.info).to.include("fan-3").and.not.include("fan-1");
      expectEqual((await api.get(small))?.subscriberNum, 2, "the two that fitted were added");
      await api.addSubscribers(small, ["fan-1"]); // already subscribed (Result 2): a success
    });

    it("reads MsgFlag as a string and follows opaque Next cursors", async () => {
      const page = await api.getSubscribers(popular, { limit: 3 });
      expectEqual(page.subscribers[0].msgFlag, "AcceptAndNotify", "msgFlag");
      expect(page.next, "cursor").to.match(/\D/);
      const rest = await api.getSubscribers(popular, { limit: 3, next: page.next });
      expect(rest.subscribers[0].subscriberAccount).to.not.equal(page.subscribers[0].subscriberAccount);
    });

    it("returns one page of subscribed accounts with totalCount, complete and next", async () => {
      const page = await api.listSubscribed(reader, { limit: 100, offset: 0 });
      expectEqual(
        { n: page.accounts.length, total: page.totalCount, complete: page.complete, next: page.next },
        { n: 100, total: 450, complete: false, next: 100 },
        "first page",
      );
      const account = page.accounts[0];
      expect(account.subscribeTime, "subscribeTime").to.be.a("number");
      expectEqual(account.selfCustomString, "", "selfCustomString");
      expectEqual(account.ownerAccount, OWNER, "ownerAccount");
      const last = await api.listSubscribed(reader, { offset: 400 });
      expectEqual(
        { n: last.accounts.length, complete: last.complete, next: last.next },
        { n: 50, complete: true, next: 0 },
        "last page",
      );
    });

    it("applies the account and self field filters", async () => {
      const page = await api.listSubscribed(reader, { limit: 1, fields: ["Name"], selfFields: ["SubscribeTime"] });
      const account = page.accounts[0];
      expectEqual(Object.keys(account).sort(), ["name", "officialAccountUserId", "subscribeTime"], "keys");
    });

    it("follows Offset/Next to the last page: 450 subscriptions in 3 calls", async () => {
      const all = await api.listAllSubscribed(reader);
      expectEqual(callsOf(emulator, LIST_SUBSCRIBED), 3, "get_subscribed_official_account_list calls");
      expectEqual(all.length, 450, "accounts");
      expectEqual(new Set(all.map((a) => a.officialAccountUserId)), new Set(subscribed), "ids");
      emulator.resetCounters();
      let count = 0;
      for await (const account of api.iterateSubscribed(reader, { limit: 200, fields: ["Name"] })) {
        expect(account.name).to.match(/^Sub \d+$/);
        count++;
      }
      expectEqual(count, 450, "accounts iterated");
      expectEqual(callsOf(emulator, LIST_SUBSCRIBED), 3, "calls while iterating");
    });

    it("rejects a page size over 200 before calling", async () => {
      let thrown: unknown;
      try {
        await api.listSubscribed(reader, { limit: 201 });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(RangeError);
      expectEqual(callsOf(emulator, LIST_SUBSCRIBED), 0, "calls");
    });
  });

  describe("the vendor's subscriber contract", () => {
    it("sends delete_subscriber as SubscriberToDel_Account, the vendor's sample body", async () => {
      const id = uniqueId("delshape");
      await api.create({ officialAccountUserId: id, ownerAccount: OWNER, name: "Delete shape" });
      await api.importUsers(["shape-1", "shape-2"]);
      await api.addSubscribers(id, ["shape-1", "shape-2"]);
      const proxy = await startRecordingProxy(emulator.url);
      try {
        await apiFor(proxy.url).deleteSubscribers(id, ["shape-1", "shape-2"]);
        const sent = proxy.requests.filter((r) => r.url.pathname.endsWith("/delete_subscriber"));
        expectEqual(
          sent.map((r) => JSON.parse(r.body)),
          [{ Official_Account: id, SubscriberToDel_Account: ["shape-1", "shape-2"] }],
          "delete_subscriber bodies",
        );
      } finally {
        await proxy.close();
      }
      expectEqual((await api.get(id))?.subscriberNum, 0, "subscriberNum after the delete");
    });

    it("surfaces every Result 0 as one error naming the users, and takes Result 2 as success", async () => {
      // The emulator answers per user: 2 for a user already subscribed, 0 for a user past MaxSubscriberNum.
      const id = uniqueId("results");
      await api.create({ officialAccountUserId: id, ownerAccount: OWNER, name: "Results", maxSubscriberNum: 3 });
      await api.importUsers(["old-1", "new-1", "new-2", "bad-1", "bad-2"]);
      await api.addSubscribers(id, ["old-1"]);
      await api.addSubscribers(id, ["new-1", "old-1"]); // Result 1 for new-1, 2 for old-1: success
      const error = await expectChatError(api.addSubscribers(id, ["new-2", "bad-1", "bad-2"]), "add");
      expectEqual({ code: error.code, subject: error.subject }, { code: -3, subject: id }, "error");
      expect(error.message).to.include("bad-1, bad-2").and.not.include("new-2");
      expectEqual(
        (await api.listAllSubscribers(id)).map((s) => s.subscriberAccount).sort(),
        ["new-1", "new-2", "old-1"],
        "subscribers: the users with Result 1 or 2, none with Result 0",
      );
    });

    it("reads no maxSubscriberNum from an emulator on its default, which follows the vendor's page", async () => {
      const plain = await startChatEmulator({ importUsers: [OWNER] });
      try {
        const id = uniqueId("nomax");
        const remote = apiFor(plain.url, FAST_RETRIES);
        await remote.create({ officialAccountUserId: id, ownerAccount: OWNER, name: "No max", maxSubscriberNum: 9 });
        const info = await remote.get(id);
        expectEqual([info?.name, info?.maxSubscriberNum], ["No max", undefined], "[name, maxSubscriberNum]");
      } finally {
        await plain.close();
      }
    });
  });

  describe("pagination against a misbehaving server", () => {
    it("stops when the server never completes and Next does not advance", async () => {
      await withTestServer(
        () => ({
          body: envelope(0, "", {
            TotalCount: 1000,
            CompleteFlag: 0,
            Next: 0,
            OfficialAccountInfoList: [{ Official_Account: "@TOA#_stuck", Name: "stuck" }],
          }),
        }),
        async (server) => {
          const all = await apiFor(server.url).listAllSubscribed("someone");
          expectEqual(
            all.map((a) => a.officialAccountUserId),
            ["@TOA#_stuck"],
            "accounts",
          );
          expectEqual(server.requests.length, 1, "requests");
        },
      );
    });

    it("stops on an empty page that claims more, and does not yield an account twice", async () => {
      let call = 0;
      await withTestServer(
        () => {
          call++;
          const list = call <= 2 ? [{ Official_Account: "@TOA#_same" }] : [];
          return {
            body: envelope(0, "", { TotalCount: 5, CompleteFlag: 0, Next: call * 10, OfficialAccountInfoList: list }),
          };
        },
        async (server) => {
          const all = await apiFor(server.url).listAllSubscribed("someone");
          expectEqual(all.length, 1, "accounts");
          expectEqual(server.requests.length, 3, "requests");
        },
      );
    });

    it("stops listing subscribers when Next repeats", async () => {
      await withTestServer(
        () => ({
          body: envelope(0, "", { Next: "7", SubscriberNum: 9, SubscriberList: [{ Subscriber_Account: "u" }] }),
        }),
        async (server) => {
          const all = await apiFor(server.url).listAllSubscribers("@TOA#_loop");
          expectEqual(all.length, 2, "subscribers (first page, then the repeated cursor)");
          expectEqual(server.requests.length, 2, "requests");
        },
      );
    });
  });
});
