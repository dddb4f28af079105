import { expect } from "chai";
import type {
  GetSubscribedOfficialAccountListResponse,
  GetSubscriberInfoResponse,
  SubscriberChangeResponse,
} from "../../chat-api/wire-types";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { EmulatorClient, inBatches, sortedKeys } from "./helpers";

const OWNER = "sub-owner";

describe("emulator: subscribers and the two pagers", () => {
  let emulator: RunningEmulator;
  let client: EmulatorClient;

  before(async () => {
    emulator = await startEmulator({ rateLimitPerSecond: 0, importUsers: [OWNER] });
    client = new EmulatorClient(emulator.url);
  });
  after(() => emulator.close());

  async function subscriberNum(id: string): Promise<number> {
    const [item] = await client.accountInfo([id]);
    return item.SubscriberNum!;
  }

  const subscribers = (...users: string[]) => users.map((u) => ({ Subscriber_Account: u }));

  /** add_subscriber of `users` to the account `id`, expecting the call to succeed. */
  function addSubscribers(id: string, ...users: string[]): Promise<SubscriberChangeResponse> {
    return client.ok<SubscriberChangeResponse>("add_subscriber", {
      Official_Account: id,
      SubscriberList: subscribers(...users),
    });
  }

  describe("add_subscriber and delete_subscriber", () => {
    let id: string;
    before(async () => {
      await client.importUsers("alice", "bob", "carol");
      id = await client.createAccount({ Owner_Account: OWNER, Name: "Subs", MaxSubscriberNum: 3 });
    });

    it("adds subscribers, answers each one's Result, keeps SubscriberNum in step and ignores repeats", async () => {
      const reply = await addSubscribers(id, "alice", "bob");
      expect(sortedKeys(reply)).to.deep.equal(["ActionStatus", "ErrorCode", "ErrorInfo", "SubscriberList"]);
      expect(reply.SubscriberList, "1 = added").to.deep.equal([
        { Subscriber_Account: "alice", Result: 1 },
        { Subscriber_Account: "bob", Result: 1 },
      ]);
      expect(await subscriberNum(id), "SubscriberNum after adding 2").to.equal(2);
      const again = await addSubscribers(id, "alice", "alice");
      expect(again.SubscriberList, "2 = already subscribed").to.deep.equal([
        { Subscriber_Account: "alice", Result: 2 },
      ]);
      expect(await subscriberNum(id), "SubscriberNum after adding alice again").to.equal(2);
    });

    it("fails only the users past MaxSubscriberNum (Result 0, call OK: emulator's guess), and accepts them once it is raised", async () => {
      await client.importUsers("dave");
      const reply = await addSubscribers(id, "carol", "dave");
      expect(reply.SubscriberList, "carol fits (3 of 3), dave does not").to.deep.equal([
        { Subscriber_Account: "carol", Result: 1 },
        { Subscriber_Account: "dave", Result: 0 },
      ]);
      expect(await subscriberNum(id), "SubscriberNum at the limit").to.equal(3);
      const full = await addSubscribers(id, "dave");
      expect(full.SubscriberList).to.deep.equal([{ Subscriber_Account: "dave", Result: 0 }]);
      await client.ok("modify_official_account_base_info", { Official_Account: id, MaxSubscriberNum: 4 });
      const raised = await addSubscribers(id, "dave");
      expect(raised.SubscriberList).to.deep.equal([{ Subscriber_Account: "dave", Result: 1 }]);
      expect(await subscriberNum(id)).to.equal(4);
    });

    it("answers 6017 naming the limit for more than 100 subscribers in one add_subscriber", async () => {
      const many = Array.from({ length: 101 }, (_, i) => `many-${i}`);
      await client.importUsers(...many);
      const reply = await client.fail(
        "add_subscriber",
        { Official_Account: id, SubscriberList: subscribers(...many) },
        6017,
      );
      expect(reply.ErrorInfo).to.include("SubscriberList").and.include("100");
      await addSubscribers(id, ...many.slice(0, 100));
      await client.ok("delete_subscriber", { Official_Account: id, SubscriberToDel_Account: many.slice(0, 100) });
    });

    it("deletes with the vendor's SubscriberToDel_Account list: 1 removed, 2 was not subscribed", async () => {
      const reply = await client.ok<SubscriberChangeResponse>("delete_subscriber", {
        Official_Account: id,
        SubscriberToDel_Account: ["dave", "alice"],
      });
      expect(reply.SubscriberList).to.deep.equal([
        { Subscriber_Account: "dave", Result: 1 },
        { Subscriber_Account: "alice", Result: 1 },
      ]);
      const again = await client.ok<SubscriberChangeResponse>("delete_subscriber", {
        Official_Account: id,
        SubscriberToDel_Account: ["dave"],
      });
      expect(again.SubscriberList).to.deep.equal([{ Subscriber_Account: "dave", Result: 2 }]);
      await addSubscribers(id, "alice", "dave");
      expect(await subscriberNum(id)).to.equal(4);
      for (const bad of [[], "dave", [1], [""]]) {
        await client.fail("delete_subscriber", { Official_Account: id, SubscriberToDel_Account: bad }, 6017);
      }
    });

    it("deletes subscribers and treats deleting a non-subscriber as done", async () => {
      await client.ok("delete_subscriber", { Official_Account: id, SubscriberList: subscribers("dave", "carol") });
      await client.ok("delete_subscriber", { Official_Account: id, SubscriberList: subscribers("dave") });
      expect(await subscriberNum(id)).to.equal(2);
    });

    it("answers 70107 for a subscriber that was never imported and adds no one (emulator's guess)", async () => {
      const reply = await client.fail(
        "add_subscriber",
        { Official_Account: id, SubscriberList: subscribers("carol", "nobody") },
        70107,
      );
      expect(reply.ErrorInfo).to.include("nobody");
      expect(await subscriberNum(id)).to.equal(2);
      await client.fail("delete_subscriber", { Official_Account: id, SubscriberList: subscribers("nobody") }, 70107);
    });

    it("answers 130004 for an unknown account, 130007 for a bad id and 6017 for a bad SubscriberList", async () => {
      await client.fail(
        "add_subscriber",
        { Official_Account: "@TOA#_ghost", SubscriberList: subscribers("alice") },
        130004,
      );
      await client.fail("add_subscriber", { Official_Account: "ghost", SubscriberList: subscribers("alice") }, 130007);
      for (const list of [undefined, [], ["alice"], [{ Subscriber_Account: 1 }], [{}], "alice"]) {
        await client.fail("add_subscriber", { Official_Account: id, SubscriberList: list }, 6017);
        await client.fail("delete_subscriber", { Official_Account: id, SubscriberList: list }, 6017);
      }
    });

    it("drops an account's subscriptions when the account is destroyed", async () => {
      const doomed = await client.createAccount({ Owner_Account: OWNER, Name: "Doomed" });
      await addSubscribers(doomed, "alice");
      await client.ok("destroy_official_account", { Official_Account: doomed });
      const list = await client.ok<GetSubscribedOfficialAccountListResponse>("get_subscribed_official_account_list", {
        Subscriber_Account: "alice",
      });
      expect(list.OfficialAccountInfoList!.map((a) => a.Official_Account)).to.not.include(doomed);
      expect(emulator.snapshot().subscriptions.map((s) => s.Official_Account)).to.not.include(doomed);
    });
  });

  describe("get_subscriber_info", () => {
    const users = Array.from({ length: 450 }, (_, i) => `follower-${String(i).padStart(3, "0")}`);
    let id: string;
    before(async () => {
      await client.importUsers(...users);
      id = await client.createAccount({ Owner_Account: OWNER, Name: "Popular" });
      // One call at a time, at most 100 subscribers each (the documented limit), in the order of `users`.
      for (let i = 0; i < users.length; i += 100) {
        await client.ok("add_subscriber", {
          Official_Account: id,
          SubscriberList: users
            .slice(i, i + 100)
            .map((u, j) => ({ Subscriber_Account: u, CustomString: i + j === 0 ? "first" : "" })),
        });
      }
    });

    it("pages 450 subscribers as 200, 200 and 50 with the Next cursor, ending with an empty Next", async () => {
      const pages: GetSubscriberInfoResponse[] = [];
      let next = "";
      do {
        const page = await client.ok<GetSubscriberInfoResponse>("get_subscriber_info", {
          Official_Account: id,
          Next: next,
        });
        pages.push(page);
        next = page.Next!;
        expect(pages.length, "pages so far").to.be.at.most(3);
      } while (next !== "");
      expect(
        pages.map((p) => p.SubscriberList!.length),
        "page sizes",
      ).to.deep.equal([200, 200, 50]);
      expect(pages.map((p) => p.SubscriberNum)).to.deep.equal([450, 450, 450]);
      const seen = pages.flatMap((p) => p.SubscriberList!.map((s) => s.Subscriber_Account));
      expect(seen, "every subscriber once, in subscription order").to.deep.equal(users);
      const first = pages[0].SubscriberList![0];
      expect(sortedKeys(first)).to.deep.equal(
        ["CustomString", "LastSendMsgTime", "MsgFlag", "SubscribeTime", "Subscriber_Account"].sort(),
      );
      expect(first.CustomString).to.equal("first");
      expect(first.MsgFlag, "MsgFlag is a string").to.equal("AcceptAndNotify");
      for (const page of pages.slice(0, -1)) {
        expect(page.Next, "Next is an opaque cursor, never all digits").to.match(/\D/);
      }
      expect(sortedKeys(pages[0])).to.deep.equal(
        ["ActionStatus", "ErrorCode", "ErrorInfo", "Next", "SubscriberList", "SubscriberNum"].sort(),
      );
    });

    it("honours a smaller Limit and treats a missing Next as the first page", async () => {
      const page = await client.ok<GetSubscriberInfoResponse>("get_subscriber_info", {
        Official_Account: id,
        Limit: 7,
      });
      expect(page.SubscriberList!.map((s) => s.Subscriber_Account)).to.deep.equal(users.slice(0, 7));
      const page2 = await client.ok<GetSubscriberInfoResponse>("get_subscriber_info", {
        Official_Account: id,
        Limit: 7,
        Next: page.Next,
      });
      expect(page2.SubscriberList!.map((s) => s.Subscriber_Account)).to.deep.equal(users.slice(7, 14));
    });

    it("does not skip anyone when subscribers before the cursor are deleted between pages", async () => {
      const page = await client.ok<GetSubscriberInfoResponse>("get_subscriber_info", {
        Official_Account: id,
        Limit: 5,
      });
      await client.ok("delete_subscriber", { Official_Account: id, SubscriberList: subscribers(users[0], users[1]) });
      const page2 = await client.ok<GetSubscriberInfoResponse>("get_subscriber_info", {
        Official_Account: id,
        Limit: 5,
        Next: page.Next,
      });
      expect(page2.SubscriberList![0].Subscriber_Account).to.equal(users[5]);
      await addSubscribers(id, users[0], users[1]);
    });

    it("answers an account without subscribers with an empty list and an empty Next", async () => {
      const lonely = await client.createAccount({ Owner_Account: OWNER, Name: "Lonely" });
      const page = await client.ok<GetSubscriberInfoResponse>("get_subscriber_info", { Official_Account: lonely });
      expect(page).to.include({ Next: "", SubscriberNum: 0 });
      expect(page.SubscriberList).to.deep.equal([]);
    });

    it("answers 6017 for Limit over 200 or under 1 and for a Next it never gave out", async () => {
      for (const bad of [{ Limit: 201 }, { Limit: 0 }, { Limit: "10" }, { Next: "abc" }, { Next: 5 }]) {
        await client.fail("get_subscriber_info", { Official_Account: id, ...bad }, 6017);
      }
      await client.ok("get_subscriber_info", { Official_Account: id, Limit: 200 });
    });

    it("answers 130004 for an unknown account", async () => {
      await client.fail("get_subscriber_info", { Official_Account: "@TOA#_ghost" }, 130004);
    });
  });

  describe("get_subscribed_official_account_list", () => {
    const reader = "reader";
    const ids = Array.from({ length: 450 }, (_, i) => `@TOA#_feed${String(i).padStart(3, "0")}`);
    before(async () => {
      await client.importUsers(reader, "idle-reader");
      await inBatches(ids, 25, async (id) => {
        await client.createAccount({ OfficialAccountUserID: id, Owner_Account: OWNER, Name: `Feed ${id}` });
      });
      // One at a time, so the subscription order (the pager's order) is the order of `ids`.
      for (const id of ids) {
        await client.ok("add_subscriber", { Official_Account: id, SubscriberList: [{ Subscriber_Account: reader }] });
      }
    });

    it("pages 450 subscriptions with Offset as 200, 200 and 50, with Next and CompleteFlag", async () => {
      const seen: string[] = [];
      const shapes: Array<[number, number, number, number]> = [];
      let offset = 0;
      for (let round = 0; round < 4; round++) {
        const page = await client.ok<GetSubscribedOfficialAccountListResponse>("get_subscribed_official_account_list", {
          Subscriber_Account: reader,
          Offset: offset,
        });
        shapes.push([page.OfficialAccountInfoList!.length, page.TotalCount!, page.CompleteFlag!, page.Next!]);
        seen.push(...page.OfficialAccountInfoList!.map((a) => a.Official_Account!));
        if (page.CompleteFlag === 1) break;
        offset = page.Next!;
      }
      expect(shapes, "[items, TotalCount, CompleteFlag, Next] per page").to.deep.equal([
        [200, 450, 0, 200],
        [200, 450, 0, 400],
        [50, 450, 1, 0],
      ]);
      expect(seen, "every account once, in subscription order").to.deep.equal(ids);
    });

    it("returns all account fields and SelfInfo without a filter", async () => {
      const page = await client.ok<GetSubscribedOfficialAccountListResponse>("get_subscribed_official_account_list", {
        Subscriber_Account: reader,
        Limit: 1,
      });
      const item = page.OfficialAccountInfoList![0];
      expect(sortedKeys(item)).to.deep.equal(
        [
          "CreateTime",
          "CustomString",
          "FaceUrl",
          "Introduction",
          "LastMsgTime",
          "Name",
          "Official_Account",
          "Organization",
          "Owner_Account",
          "SelfInfo",
          "SubscriberNum",
        ].sort(),
      );
      expect(sortedKeys(item.SelfInfo!)).to.deep.equal(["CustomString", "SubscribeTime"]);
      expect(item.SubscriberNum).to.equal(1);
      expect(page.Next).to.equal(1);
    });

    it("honours OfficialAccountBaseInfoFilter and SelfInfoFilter field by field", async () => {
      const page = await client.ok<GetSubscribedOfficialAccountListResponse>("get_subscribed_official_account_list", {
        Subscriber_Account: reader,
        Limit: 2,
        ResponseFilter: { OfficialAccountBaseInfoFilter: ["Name"], SelfInfoFilter: ["SubscribeTime"] },
      });
      for (const item of page.OfficialAccountInfoList!) {
        expect(sortedKeys(item)).to.deep.equal(["Name", "Official_Account", "SelfInfo"]);
        expect(sortedKeys(item.SelfInfo!)).to.deep.equal(["SubscribeTime"]);
      }
      const bare = await client.ok<GetSubscribedOfficialAccountListResponse>("get_subscribed_official_account_list", {
        Subscriber_Account: reader,
        Limit: 1,
        ResponseFilter: { OfficialAccountBaseInfoFilter: [], SelfInfoFilter: [] },
      });
      expect(sortedKeys(bare.OfficialAccountInfoList![0])).to.deep.equal(["Official_Account"]);
    });

    it("answers an imported user without subscriptions with an empty, complete list", async () => {
      const page = await client.ok<GetSubscribedOfficialAccountListResponse>("get_subscribed_official_account_list", {
        Subscriber_Account: "idle-reader",
      });
      expect(page).to.deep.include({ TotalCount: 0, OfficialAccountInfoList: [], CompleteFlag: 1, Next: 0 });
    });

    it("answers an Offset past the end with an empty, complete list", async () => {
      const page = await client.ok<GetSubscribedOfficialAccountListResponse>("get_subscribed_official_account_list", {
        Subscriber_Account: reader,
        Offset: 1000,
      });
      expect(page).to.deep.include({ TotalCount: 450, OfficialAccountInfoList: [], CompleteFlag: 1, Next: 0 });
    });

    it("answers 6017 for a bad Limit, Offset or filter, and 70107 for a user never imported (emulator's guess; the vendor page lists 130004)", async () => {
      const bad = [
        { Limit: 201 },
        { Limit: 0 },
        { Offset: -1 },
        { Offset: "0" },
        { ResponseFilter: { SelfInfoFilter: ["Name"] } },
        { ResponseFilter: { OfficialAccountBaseInfoFilter: ["SubscribeTime"] } },
        { ResponseFilter: { Other: [] } },
      ];
      for (const b of bad)
        await client.fail("get_subscribed_official_account_list", { Subscriber_Account: reader, ...b }, 6017);
      await client.fail("get_subscribed_official_account_list", {}, 6017);
      await client.fail("get_subscribed_official_account_list", { Subscriber_Account: "nobody" }, 70107);
    });
  });
});
