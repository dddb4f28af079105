import { expect } from "chai";
import type { MultiAccountImportResponse } from "../../chat-api/wire-types";
import {
  BASE_INFO_FILTER_FIELDS,
  DEFAULT_MAX_SUBSCRIBER_NUM,
  OFFICIAL_ACCOUNT_ID_MAX_BYTES,
  OFFICIAL_ACCOUNT_ID_PREFIX,
  OFFICIAL_ACCOUNT_ID_SUFFIX_PATTERN,
} from "../../chat-api/official-account-fields";
import { startEmulator, TRIAL_ACCOUNT_QUOTA, type RunningEmulator } from "../../emulator";
import { EmulatorClient, expectCode, sortedKeys } from "./helpers";

const OWNER = "owner-1";

describe("emulator: official accounts", () => {
  let emulator: RunningEmulator;
  let client: EmulatorClient;

  before(async () => {
    // This suite checks MaxSubscriberNum on read, so it turns on the undocumented field (off by default, see below).
    emulator = await startEmulator({ rateLimitPerSecond: 0, importUsers: [OWNER], returnMaxSubscriberNum: true });
    client = new EmulatorClient(emulator.url);
  });
  after(() => emulator.close());

  describe("importing accounts", () => {
    it("imports one account with account_import", async () => {
      await client.ok("account_import", { UserID: "imported-one" });
      expect(emulator.snapshot().users).to.include("imported-one");
    });

    it("imports many with multiaccount_import and lists the ones it could not import in FailAccounts", async () => {
      const tooLong = "x".repeat(33);
      const reply = await client.ok<MultiAccountImportResponse>("multiaccount_import", {
        Accounts: ["many-1", "many-2", tooLong],
      });
      expect(sortedKeys(reply)).to.deep.equal(["ActionStatus", "ErrorCode", "ErrorInfo", "FailAccounts"]);
      expect(reply.FailAccounts, "FailAccounts").to.deep.equal([tooLong]);
      expect(emulator.snapshot().users).to.include.members(["many-1", "many-2"]);
    });

    it("answers 70402 for a missing or over-long UserID and a bad Accounts list", async () => {
      await client.fail("account_import", {}, 70402);
      await client.fail("account_import", { UserID: 42 }, 70402);
      await client.fail("account_import", { UserID: "x".repeat(33) }, 70402);
      await client.fail("multiaccount_import", { Accounts: [] }, 70402);
      await client.fail("multiaccount_import", { Accounts: "a,b" }, 70402);
      await client.fail("multiaccount_import", { Accounts: [1, 2] }, 70402);
      await client.fail("multiaccount_import", { Accounts: Array.from({ length: 101 }, (_, i) => `u${i}`) }, 70402);
    });
  });

  describe("create_official_account", () => {
    it("creates an account with every field and get_official_account_info returns them all", async () => {
      const before = Math.floor(Date.now() / 1000);
      const id = await client.createAccount({
        OfficialAccountUserID: "@TOA#_full",
        Owner_Account: OWNER,
        Name: "Full",
        Introduction: "intro",
        FaceUrl: "http://face",
        Organization: "org",
        CustomString: "custom",
        MaxSubscriberNum: 1234,
      });
      expect(id).to.equal("@TOA#_full");
      const [item] = await client.accountInfo([id]);
      const { CreateTime, ...rest } = item;
      expect(rest).to.deep.equal({
        ErrorCode: 0,
        ErrorInfo: "",
        Official_Account: id,
        Name: "Full",
        Owner_Account: OWNER,
        LastMsgTime: 0,
        SubscriberNum: 0,
        Introduction: "intro",
        FaceUrl: "http://face",
        Organization: "org",
        CustomString: "custom",
        MaxSubscriberNum: 1234,
      });
      expect(CreateTime, "CreateTime (unix seconds)").to.be.within(before - 1, Math.floor(Date.now() / 1000) + 1);
    });

    it("fills in empty profile fields and MaxSubscriberNum 100000 when they are not given", async () => {
      const id = await client.createAccount({ Owner_Account: OWNER, Name: "Minimal" });
      const [item] = await client.accountInfo([id]);
      expect(item).to.include({ Introduction: "", FaceUrl: "", Organization: "", CustomString: "" });
      expect(item.MaxSubscriberNum).to.equal(DEFAULT_MAX_SUBSCRIBER_NUM);
    });

    it("assigns an id with the @TOA#_ prefix when none is given, different every time", async () => {
      const a = await client.createAccount({ Owner_Account: OWNER, Name: "Auto A" });
      const b = await client.createAccount({ Owner_Account: OWNER, Name: "Auto B" });
      for (const id of [a, b]) {
        expect(id.startsWith(OFFICIAL_ACCOUNT_ID_PREFIX), `id ${id} has the prefix`).to.equal(true);
        expect(id.length).to.be.at.most(OFFICIAL_ACCOUNT_ID_MAX_BYTES);
        expect(OFFICIAL_ACCOUNT_ID_SUFFIX_PATTERN.test(id.slice(OFFICIAL_ACCOUNT_ID_PREFIX.length))).to.equal(true);
      }
      expect(a).to.not.equal(b);
    });

    it("answers 6017 when Owner_Account or Name is missing or empty", async () => {
      await client.fail("create_official_account", { Name: "No owner" }, 6017);
      await client.fail("create_official_account", { Owner_Account: "", Name: "Empty owner" }, 6017);
      await client.fail("create_official_account", { Owner_Account: OWNER }, 6017);
      await client.fail("create_official_account", { Owner_Account: OWNER, Name: "" }, 6017);
    });

    it("measures field limits in UTF-8 bytes: 50 Chinese characters fit in Name, 51 do not", async () => {
      await client.createAccount({ Owner_Account: OWNER, Name: "中".repeat(50) });
      await client.fail("create_official_account", { Owner_Account: OWNER, Name: "中".repeat(51) }, 6017);
    });

    it("answers 6017 for each profile field one byte over its limit", async () => {
      const limits = { Name: 150, Introduction: 400, FaceUrl: 500, Organization: 500, CustomString: 3000 };
      for (const [field, limit] of Object.entries(limits)) {
        const base = { Owner_Account: OWNER, Name: "Limits" };
        await client.createAccount({ ...base, [field]: "a".repeat(limit) });
        const reply = await client.fail("create_official_account", { ...base, [field]: "a".repeat(limit + 1) }, 6017);
        expect(reply.ErrorInfo, `ErrorInfo names ${field}`).to.include(field);
      }
    });

    it("answers 6017 for fields of the wrong JSON type", async () => {
      const bad = [
        { Owner_Account: 107867, Name: "n" },
        { Owner_Account: OWNER, Name: ["n"] },
        { Owner_Account: OWNER, Name: "n", Introduction: 1 },
        { Owner_Account: OWNER, Name: "n", FaceUrl: null },
        { Owner_Account: OWNER, Name: "n", OfficialAccountUserID: 5 },
        { Owner_Account: OWNER, Name: "n", MaxSubscriberNum: "1000" },
        { Owner_Account: OWNER, Name: "n", MaxSubscriberNum: 1.5 },
        { Owner_Account: OWNER, Name: "n", MaxSubscriberNum: 0 },
        { Owner_Account: "x".repeat(33), Name: "n" },
      ];
      for (const body of bad) await client.fail("create_official_account", body, 6017);
    });

    it("answers 130007 for ids without the prefix, and for ids too long or with other characters (emulator's guess)", async () => {
      const tooLong = OFFICIAL_ACCOUNT_ID_PREFIX + "a".repeat(OFFICIAL_ACCOUNT_ID_MAX_BYTES);
      for (const id of ["test_id", "@TOA#test", OFFICIAL_ACCOUNT_ID_PREFIX, tooLong, "@TOA#_has space", "@TOA#_中文"]) {
        await client.fail(
          "create_official_account",
          { OfficialAccountUserID: id, Owner_Account: OWNER, Name: "n" },
          130007,
        );
      }
      const longest =
        OFFICIAL_ACCOUNT_ID_PREFIX + "a".repeat(OFFICIAL_ACCOUNT_ID_MAX_BYTES - OFFICIAL_ACCOUNT_ID_PREFIX.length);
      expect(await client.createAccount({ OfficialAccountUserID: longest, Owner_Account: OWNER, Name: "n" })).to.equal(
        longest,
      );
    });

    it("answers 130008 when the id is already in use", async () => {
      await client.createAccount({ OfficialAccountUserID: "@TOA#_taken", Owner_Account: OWNER, Name: "first" });
      await client.fail(
        "create_official_account",
        { OfficialAccountUserID: "@TOA#_taken", Owner_Account: OWNER, Name: "second" },
        130008,
      );
    });

    it("answers 70107 when the owner was never imported", async () => {
      const reply = await client.fail("create_official_account", { Owner_Account: "stranger", Name: "n" }, 70107);
      expect(reply.ErrorInfo).to.include("stranger");
    });

    it("answers 130010 past the account quota and accepts again after a destroy", async () => {
      const small = await startEmulator({ accountQuota: 2, importUsers: [OWNER] });
      try {
        const c = new EmulatorClient(small.url);
        const first = await c.createAccount({ Owner_Account: OWNER, Name: "1" });
        await c.createAccount({ Owner_Account: OWNER, Name: "2" });
        await c.fail("create_official_account", { Owner_Account: OWNER, Name: "3" }, 130010);
        await c.ok("destroy_official_account", { Official_Account: first });
        await c.createAccount({ Owner_Account: OWNER, Name: "3" });
      } finally {
        await small.close();
      }
    });

    it("offers the trial plan's 5 accounts as a quota, so 130010 can be rehearsed", async () => {
      const trial = await startEmulator({ accountQuota: TRIAL_ACCOUNT_QUOTA, importUsers: [OWNER] });
      try {
        const c = new EmulatorClient(trial.url);
        for (let i = 0; i < 5; i++) await c.createAccount({ Owner_Account: OWNER, Name: `trial ${i}` });
        const reply = await c.fail("create_official_account", { Owner_Account: OWNER, Name: "sixth" }, 130010);
        expect(reply.ErrorInfo).to.include("5 official accounts");
      } finally {
        await trial.close();
      }
    });

    it("answers 6017 for an owner that is not printable ASCII, naming the rule", async () => {
      for (const owner of ["ünïcode", "tab\there", "名字"]) {
        const reply = await client.fail("create_official_account", { Owner_Account: owner, Name: "n" }, 6017);
        expect(reply.ErrorInfo).to.include("Owner_Account").and.include("printable ASCII");
      }
      const reply = await client.fail("account_import", { UserID: "ünïcode" }, 70402);
      expect(reply.ErrorInfo).to.include("printable ASCII");
      const multi = await client.ok<MultiAccountImportResponse>("multiaccount_import", {
        Accounts: ["plain-ascii ok", "名字"],
      });
      expect(multi.FailAccounts).to.deep.equal(["名字"]);
    });

    it("ignores body fields it does not know, as the live API does", async () => {
      await client.createAccount({ Owner_Account: OWNER, Name: "extra", Unknown: 1 });
    });
  });

  describe("get_official_account_info", () => {
    let id: string;
    before(async () => {
      id = await client.createAccount({ Owner_Account: OWNER, Name: "Info", Introduction: "i" });
    });

    it("keeps the call OK and answers 130004 per item for an unknown id", async () => {
      const items = await client.accountInfo([id, "@TOA#_unknown"]);
      expect(items.map((i) => i.ErrorCode)).to.deep.equal([0, 130004]);
      expect(sortedKeys(items[1])).to.deep.equal(["ErrorCode", "ErrorInfo", "Official_Account"]);
      expect(items[1].Official_Account).to.equal("@TOA#_unknown");
    });

    it("answers 130007 per item for an id without the prefix", async () => {
      const items = await client.accountInfo(["no-prefix"]);
      expect(items[0].ErrorCode).to.equal(130007);
    });

    it("answers 6017 for more than 50 ids, an empty list, or items of the wrong shape", async () => {
      const ids = Array.from({ length: 51 }, (_, i) => ({ Official_Account: `@TOA#_n${i}` }));
      await client.fail("get_official_account_info", { OfficialAccountIdList: ids }, 6017);
      await client.ok("get_official_account_info", { OfficialAccountIdList: ids.slice(0, 50) });
      await client.fail("get_official_account_info", { OfficialAccountIdList: [] }, 6017);
      await client.fail("get_official_account_info", {}, 6017);
      await client.fail("get_official_account_info", { OfficialAccountIdList: ["@TOA#_x"] }, 6017);
      await client.fail("get_official_account_info", { OfficialAccountIdList: [{ Official_Account: 1 }] }, 6017);
    });

    it("returns only the fields named in OfficialAccountBaseInfoFilter, plus the id and item codes", async () => {
      const [item] = await client.accountInfo([id], { OfficialAccountBaseInfoFilter: ["Name", "SubscriberNum"] });
      expect(item).to.deep.equal({ ErrorCode: 0, ErrorInfo: "", Official_Account: id, Name: "Info", SubscriberNum: 0 });
    });

    it("returns every documented field (and no MaxSubscriberNum) when the filter lists them all", async () => {
      const [item] = await client.accountInfo([id], { OfficialAccountBaseInfoFilter: [...BASE_INFO_FILTER_FIELDS] });
      expect(sortedKeys(item)).to.deep.equal(
        ["ErrorCode", "ErrorInfo", "Official_Account", ...BASE_INFO_FILTER_FIELDS].sort(),
      );
    });

    it("returns only the id for an empty filter list and everything for an empty ResponseFilter", async () => {
      const [bare] = await client.accountInfo([id], { OfficialAccountBaseInfoFilter: [] });
      expect(sortedKeys(bare)).to.deep.equal(["ErrorCode", "ErrorInfo", "Official_Account"]);
      const [all] = await client.accountInfo([id], {});
      expect(all).to.have.property("MaxSubscriberNum");
    });

    it("answers 6017 for unknown filter names (emulator's guess) or a filter of the wrong type", async () => {
      const ids = [{ Official_Account: id }];
      const filters = [
        { OfficialAccountBaseInfoFilter: ["Name", "Nope"] },
        { OfficialAccountBaseInfoFilter: ["MaxSubscriberNum"] },
        { OfficialAccountBaseInfoFilter: "Name" },
        { SelfInfoFilter: ["SubscribeTime"] },
        ["Name"],
        "Name",
      ];
      for (const f of filters) {
        await client.fail("get_official_account_info", { OfficialAccountIdList: ids, ResponseFilter: f }, 6017);
      }
    });

    it("leaves MaxSubscriberNum out by default, as the vendor's page documents no such field", async () => {
      const plain = await startEmulator({ importUsers: [OWNER] });
      try {
        const c = new EmulatorClient(plain.url);
        const newId = await c.createAccount({ Owner_Account: OWNER, Name: "n" });
        const [item] = await c.accountInfo([newId]);
        expect(item).to.not.have.property("MaxSubscriberNum");
      } finally {
        await plain.close();
      }
    });
  });

  describe("modify_official_account_base_info", () => {
    let id: string;
    beforeEach(async () => {
      id = await client.createAccount({ Owner_Account: OWNER, Name: "Before", Introduction: "old" });
    });

    it("changes only the fields it is given", async () => {
      await client.ok("modify_official_account_base_info", {
        Official_Account: id,
        Name: "After",
        FaceUrl: "http://new",
        CustomString: "",
        MaxSubscriberNum: 5,
      });
      const [item] = await client.accountInfo([id]);
      expect(item).to.include({ Name: "After", Introduction: "old", FaceUrl: "http://new", MaxSubscriberNum: 5 });
    });

    it("accepts a call with nothing to change", async () => {
      await client.ok("modify_official_account_base_info", { Official_Account: id });
    });

    it("answers 6017 for read-only or unknown fields and names the field", async () => {
      for (const field of [
        "Owner_Account",
        "SubscriberNum",
        "CreateTime",
        "LastMsgTime",
        "OfficialAccountUserID",
        "Bogus",
      ]) {
        const reply = await client.fail(
          "modify_official_account_base_info",
          { Official_Account: id, [field]: "x" },
          6017,
        );
        expect(reply.ErrorInfo, `ErrorInfo names ${field}`).to.include(field);
      }
    });

    it("answers 6017 for over-long fields, an empty Name and wrong types", async () => {
      await client.fail(
        "modify_official_account_base_info",
        { Official_Account: id, Introduction: "中".repeat(134) },
        6017,
      );
      await client.fail("modify_official_account_base_info", { Official_Account: id, Name: "" }, 6017);
      await client.fail("modify_official_account_base_info", { Official_Account: id, MaxSubscriberNum: -1 }, 6017);
      await client.fail("modify_official_account_base_info", { Official_Account: id, Organization: 3 }, 6017);
      await client.fail("modify_official_account_base_info", { Name: "no id" }, 6017);
      const [item] = await client.accountInfo([id]);
      expect(item.Name, "Name after refused modifies").to.equal("Before");
    });

    it("answers 130004 for an unknown account and 130007 for a bad id", async () => {
      await client.fail("modify_official_account_base_info", { Official_Account: "@TOA#_ghost", Name: "x" }, 130004);
      await client.fail("modify_official_account_base_info", { Official_Account: "ghost", Name: "x" }, 130007);
    });
  });

  describe("destroy_official_account", () => {
    it("destroys an account, after which reads and a second destroy answer 130004", async () => {
      const id = await client.createAccount({ Owner_Account: OWNER, Name: "Doomed" });
      await client.ok("destroy_official_account", { Official_Account: id });
      expect((await client.accountInfo([id]))[0].ErrorCode).to.equal(130004);
      await client.fail("destroy_official_account", { Official_Account: id }, 130004);
      await client.fail("modify_official_account_base_info", { Official_Account: id, Name: "x" }, 130004);
      expect(emulator.snapshot().accounts.map((a) => a.Official_Account)).to.not.include(id);
    });

    it("lets a destroyed id be created again", async () => {
      const fields = { OfficialAccountUserID: "@TOA#_reborn", Owner_Account: OWNER, Name: "Reborn" };
      await client.createAccount(fields);
      await client.ok("destroy_official_account", { Official_Account: "@TOA#_reborn" });
      await client.createAccount(fields);
    });

    it("answers 130007 for a bad id and 6017 when Official_Account is missing", async () => {
      await client.fail("destroy_official_account", { Official_Account: "plain" }, 130007);
      await client.fail("destroy_official_account", {}, 6017);
      await client.fail("destroy_official_account", { Official_Account: ["@TOA#_x"] }, 6017);
    });
  });

  it("never changes the envelope key order: ActionStatus, ErrorInfo, ErrorCode first", async () => {
    const reply = await client.call("destroy_official_account", { Official_Account: "@TOA#_nothing" });
    expectCode(reply, 130004);
    expect(Object.keys(reply)).to.deep.equal(["ActionStatus", "ErrorInfo", "ErrorCode"]);
  });
});
