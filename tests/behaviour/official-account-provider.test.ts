/**
 * The provider's behaviour without the engine: check and diff from inputs
 * alone, and create/read/update/delete against the emulator, including the
 * idempotent-create and take-over paths the engine rarely reaches.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { CHAT_ERROR_CODES } from "../../chat-api/error-codes";
import { ChatClient, OfficialAccountsApi } from "../../provider/chat";
import { generateOfficialAccountId } from "../../provider/behaviour/official-account/account-id";
import { resolveChatSettings } from "../../provider/behaviour/settings";
import { OfficialAccountProvider } from "../../provider/behaviour/official-account/provider";
import { UNKNOWN_VALUE } from "../../provider/behaviour/official-account/validation";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { INPUT_FIELDS } from "../../chat-api/official-account-fields";
import { END_MARKER, fieldTableMarkdown, START_MARKER } from "../../scripts/field-table-markdown";
import { REPO_ROOT } from "../../scripts/pulumi-runner";

const SECRET = "provider-unit-test-key";
const SEED = "proj/dev/news";
/** The longest delay a Node timer takes (about 23 days): a read window that never passes within a test. */
const READ_WINDOW_NEVER_MS = 2_147_483_647;

describe("OfficialAccountProvider", function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let api: OfficialAccountsApi;
  let provider: OfficialAccountProvider;
  let apiCreated = 0;

  before(async () => {
    emulator = await startEmulator({ secretKey: SECRET, importUsers: ["alice", "bob"], control: true });
    api = new OfficialAccountsApi(
      new ChatClient({ sdkAppId: 1400000000, identifier: "administrator", secretKey: SECRET, endpoint: emulator.url }),
    );
    provider = new OfficialAccountProvider(() => {
      apiCreated += 1;
      return api;
    });
  });
  after(async () => emulator?.close());
  afterEach(() => emulator.setFaults({}));

  describe("check", () => {
    it("fills defaults and generates a stable id from the seed and owner, without touching the API", async () => {
      const before = apiCreated;
      const { inputs, failures } = await provider.check({}, { ownerAccount: "alice", name: "News", idSeed: SEED });
      expect(failures ?? []).to.deep.equal([]);
      expect(inputs).to.include({
        officialAccountUserId: generateOfficialAccountId(SEED, "alice"),
        introduction: "",
        maxSubscriberNum: 100000,
        adopt: false,
      });
      expect(inputs.officialAccountUserId).to.match(/^@TOA#_news_[0-9a-f]{12}$/);
      expect(apiCreated, "check must not need the API").to.equal(before);
    });

    it("keeps the recorded id for the same owner and makes a new one for a new owner", async () => {
      const olds = { ownerAccount: "alice", officialAccountUserId: "@TOA#_kept" };
      const same = await provider.check(olds, { ownerAccount: "alice", name: "N", idSeed: SEED });
      expect(same.inputs.officialAccountUserId).to.equal("@TOA#_kept");
      const moved = await provider.check(olds, { ownerAccount: "bob", name: "N", idSeed: SEED });
      expect(moved.inputs.officialAccountUserId).to.equal(generateOfficialAccountId(SEED, "bob"));
    });

    it("leaves the id undecided while the owner is unknown during preview", async () => {
      const { inputs, failures } = await provider.check({}, { ownerAccount: UNKNOWN_VALUE, name: UNKNOWN_VALUE });
      expect(failures ?? []).to.deep.equal([]);
      expect(inputs).to.not.have.property("officialAccountUserId");
    });

    it("reports every failure at once, naming field, limit and size", async () => {
      const { failures } = await provider.check(
        {},
        { name: "😀".repeat(38), introduction: 5, officialAccountUserId: "TOA#_no_prefix", Name: "typo" },
      );
      const byField = Object.fromEntries((failures ?? []).map((f) => [f.property, f.reason]));
      expect(Object.keys(byField)).to.have.members([
        "ownerAccount",
        "name",
        "introduction",
        "officialAccountUserId",
        "Name",
      ]);
      expect(byField.name).to.include("at most 150 bytes").and.include("got 152 bytes (38 characters)");
      expect(byField.introduction).to.include("must be a string; got number 5");
      expect(byField.Name).to.include("did you mean name?");
    });

    it("requires ownerAccount to be a Chat UserID: printable ASCII, naming the rule and the character", async () => {
      const { failures } = await provider.check({}, { ownerAccount: "王小明", name: "N", idSeed: SEED });
      expect(failures).to.have.length(1);
      expect(failures![0].property).to.equal("ownerAccount");
      expect(failures![0].reason).to.include("printable ASCII").and.include("王").and.include("as it was imported");
      const tab = await provider.check({}, { ownerAccount: "a\tb", name: "N", idSeed: SEED });
      expect(tab.failures?.[0].reason).to.include("U+0009");
      const ok = await provider.check({}, { ownerAccount: "user@example.com ~1", name: "N", idSeed: SEED });
      expect(ok.failures ?? []).to.deep.equal([]);
    });
  });

  describe("diff", () => {
    const olds = {
      officialAccountUserId: "@TOA#_a",
      ownerAccount: "alice",
      name: "A",
      introduction: "",
      faceUrl: "",
      organization: "",
      customString: "",
      maxSubscriberNum: 100000,
      adopt: false,
      createTime: 1,
      subscriberNum: 7,
      lastMsgTime: 3,
    };

    it("updates profile fields in place and ignores outputs-only fields", async () => {
      const result = await provider.diff("@TOA#_a", olds, { ...olds, introduction: "new", subscriberNum: undefined });
      expect(result).to.include({ changes: true, deleteBeforeReplace: false });
      expect(result.replaces).to.deep.equal([]);
      const none = await provider.diff("@TOA#_a", { ...olds, subscriberNum: 99 }, { ...olds, createTime: undefined });
      expect(none.changes).to.equal(false);
    });

    it("replaces on a new owner, deleting first when the declared id stays", async () => {
      const keepId = await provider.diff("@TOA#_a", olds, { ...olds, ownerAccount: "bob" });
      expect(keepId.replaces).to.deep.equal(["ownerAccount"]);
      expect(keepId.deleteBeforeReplace).to.equal(true);
      const newId = await provider.diff("@TOA#_a", olds, {
        ...olds,
        ownerAccount: "bob",
        officialAccountUserId: "@TOA#_b",
      });
      expect(newId.replaces).to.have.members(["ownerAccount", "officialAccountUserId"]);
      expect(newId.deleteBeforeReplace).to.equal(false);
    });

    it("does not report adopt as a change", async () => {
      expect((await provider.diff("@TOA#_a", olds, { ...olds, adopt: true })).changes).to.equal(false);
    });
  });

  describe("create, read, update, delete against the emulator", () => {
    async function checked(news: Record<string, unknown>) {
      return (await provider.check({}, news)).inputs;
    }

    it("reads a new account back at once, without waiting out the read-batching window", async () => {
      const patient = new OfficialAccountsApi(
        new ChatClient({
          sdkAppId: 1400000000,
          identifier: "administrator",
          secretKey: SECRET,
          endpoint: emulator.url,
        }),
        // Windows of 23 days (the longest a Node timer takes): a create that waited for either would never end.
        { batchWindowMs: READ_WINDOW_NEVER_MS, batchMaxWaitMs: READ_WINDOW_NEVER_MS },
      );
      const slowReads = new OfficialAccountProvider(() => patient);
      const inputs = await checked({ ownerAccount: "alice", name: "Prompt", idSeed: "proj/dev/prompt" });
      const { id, outs } = await slowReads.create(inputs);
      expect(outs.createTime, "createTime from the read-back").to.be.above(0);
      await slowReads.delete(id);
    });

    it("creates, reads back the service's fields, updates in place and deletes", async () => {
      const inputs = await checked({ ownerAccount: "alice", name: "Life cycle", idSeed: "p/s/life" });
      const { id, outs } = await provider.create(inputs);
      expect(outs).to.include({ name: "Life cycle", subscriberNum: 0 });
      expect(outs.createTime).to.be.greaterThan(0);

      const read = await provider.read(id, outs);
      expect(read.props).to.deep.equal(outs);

      await provider.update(id, outs, { ...inputs, introduction: "updated" });
      expect((await api.get(id))?.introduction).to.equal("updated");

      await provider.delete(id);
      expect(await api.get(id)).to.equal(undefined);
      await provider.delete(id); // already gone: done, not an error
      expect((await provider.read(id, outs)).id, "a missing account reads as an empty id").to.equal("");
    });

    it("takes over its own account when a generated id is already in use (an interrupted earlier run)", async () => {
      const inputs = await checked({ ownerAccount: "alice", name: "Interrupted", idSeed: "p/s/interrupted" });
      await api.create({ officialAccountUserId: inputs.officialAccountUserId, ownerAccount: "alice", name: "Old" });
      const { id, outs } = await provider.create(inputs);
      expect(id).to.equal(inputs.officialAccountUserId);
      expect(outs.name).to.equal("Interrupted");
      expect((await api.get(id))?.name, "fields reconciled").to.equal("Interrupted");
    });

    it("adopts its own create after a dropped answer instead of failing or duplicating", async () => {
      const inputs = await checked({
        officialAccountUserId: "@TOA#_dropped_once",
        ownerAccount: "alice",
        name: "Dropped",
      });
      emulator.resetCounters();
      emulator.setFaults({ drop: 1, commands: ["create_official_account"] });
      // The client logs the dropped attempt before it waits to retry: the fault is lifted right there, so the
      // retry goes through however slowly this machine runs.
      const dropping = new OfficialAccountsApi(
        new ChatClient({
          sdkAppId: 1400000000,
          identifier: "administrator",
          secretKey: SECRET,
          endpoint: emulator.url,
          log: (line) => {
            if (/create_official_account attempt 1 failed/.test(line)) emulator.setFaults({});
          },
        }),
      );
      const { id } = await new OfficialAccountProvider(() => dropping).create(inputs);
      expect(
        emulator.counters().commands.create_official_account?.dropped,
        "the first create's answer was dropped",
      ).to.equal(1);
      expect(id).to.equal("@TOA#_dropped_once");
      expect(emulator.snapshot().accounts.filter((a) => a.Official_Account === id)).to.have.length(1);
    });

    it("refuses a declared id in use without adopt, explaining adopt, and leaves the account alone", async () => {
      await api.create({ officialAccountUserId: "@TOA#_taken", ownerAccount: "alice", name: "Theirs" });
      const inputs = await checked({ officialAccountUserId: "@TOA#_taken", ownerAccount: "alice", name: "Mine" });
      const error = await provider.create(inputs).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).to.include("130008").and.include("adopt: true").and.include("pulumi import");
      expect((await api.get("@TOA#_taken"))?.name).to.equal("Theirs");
    });

    it("refuses to adopt an account of another owner, naming the live owner", async () => {
      await api.create({ officialAccountUserId: "@TOA#_bobs", ownerAccount: "bob", name: "Bob's" });
      const inputs = await checked({
        officialAccountUserId: "@TOA#_bobs",
        ownerAccount: "alice",
        name: "Mine",
        adopt: true,
      });
      const error = await provider.create(inputs).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).to.include('owned by "bob"').and.include("cannot change");
    });

    it("explains an update of an account destroyed by hand", async () => {
      const inputs = await checked({ ownerAccount: "alice", name: "Gone", idSeed: "p/s/gone" });
      const { id, outs } = await provider.create(inputs);
      await api.destroy(id);
      const error = await provider.update(id, outs, { ...inputs, name: "Renamed" }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).to.include("130004").and.include("pulumi refresh");
    });
  });
});

for (const returnMaxSubscriberNum of [false, true]) {
  describe(`OfficialAccountProvider against an emulator that ${returnMaxSubscriberNum ? "returns" : "does not return"} MaxSubscriberNum`, function () {
    this.timeout(60_000);
    let emulator: RunningEmulator;
    let api: OfficialAccountsApi;
    let provider: OfficialAccountProvider;

    before(async () => {
      emulator = await startEmulator({ secretKey: SECRET, importUsers: ["alice"], returnMaxSubscriberNum });
      api = new OfficialAccountsApi(
        new ChatClient({
          sdkAppId: 1400000000,
          identifier: "administrator",
          secretKey: SECRET,
          endpoint: emulator.url,
        }),
      );
      provider = new OfficialAccountProvider(() => api);
    });
    after(async () => emulator?.close());

    it("creates and reads without drift, and sees a hand-made maxSubscriberNum change only when the service shows it", async () => {
      const { inputs } = await provider.check(
        {},
        { ownerAccount: "alice", name: "Both ways", maxSubscriberNum: 7, idSeed: "p/s/both" },
      );
      const { id, outs } = await provider.create(inputs);
      expect(outs.maxSubscriberNum, "recorded as declared").to.equal(7);
      const first = await provider.read(id, outs);
      const { createTime, lastMsgTime, subscriberNum, ...declared } = outs;
      expect([createTime, lastMsgTime, subscriberNum], "outputs").to.satisfy((n: unknown[]) =>
        n.every((v) => typeof v === "number"),
      );
      expect(first.inputs, "no drift right after create").to.deep.equal(declared);
      await api.modify(id, { maxSubscriberNum: 9 });
      const second = await provider.read(id, outs);
      expect(second.inputs?.maxSubscriberNum, "maxSubscriberNum after a change by hand").to.equal(
        returnMaxSubscriberNum ? 9 : 7,
      );
      await provider.delete(id);
    });
  });
}

describe("provider settings", () => {
  it("prefers stack config over the environment and names key and variable when missing", () => {
    const settings = resolveChatSettings((key) => ({ "tencentchat:sdkAppId": "1400000001" })[key], {
      TENCENTCHAT_SDKAPPID: "1400000002",
      TENCENTCHAT_IDENTIFIER: "admin",
      TENCENTCHAT_SECRET_KEY: "k",
    });
    expect(settings).to.include({ sdkAppId: 1400000001, identifier: "admin" });
    expect(() => resolveChatSettings(() => undefined, {})).to.throw(
      /tencentchat:sdkAppId is missing: set it with `pulumi config set tencentchat:sdkAppId <value>` or the TENCENTCHAT_SDKAPPID environment variable/,
    );
    expect(() => resolveChatSettings(() => undefined, {})).to.throw(/pulumi config set --secret tencentchat:secretKey/);
  });

  it("never echoes the secret key in its errors", () => {
    const env = { TENCENTCHAT_SECRET_KEY: "top-secret-value", TENCENTCHAT_SDKAPPID: "not-a-number" };
    // Named by the variable it came from: that is where the user must fix it.
    expect(() => resolveChatSettings(() => undefined, env)).to.throw(
      Error,
      /TENCENTCHAT_SDKAPPID must be the numeric SDKAppID/,
    );
    try {
      resolveChatSettings(() => undefined, env);
    } catch (error) {
      expect(String(error)).to.not.include("top-secret-value");
    }
  });
});

describe("README field tables", () => {
  it("are the field table's current rendering (regenerate with node dist/scripts/field-table-markdown.js --write)", () => {
    const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf(START_MARKER) + START_MARKER.length, readme.indexOf(END_MARKER));
    expect(section.trim(), "README field tables").to.equal(fieldTableMarkdown());
    for (const field of INPUT_FIELDS) expect(section, field.name).to.include(`| \`${field.name}\` |`);
  });
});

describe("README troubleshooting table", () => {
  it("covers every error code the client knows", () => {
    const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Troubleshooting by error code"));
    const rows = section.split("\n").filter((line) => line.startsWith("| "));
    const documented = new Set(
      rows.flatMap((row) =>
        row
          .split("|")[1]
          .split(",")
          .map((code) => code.trim()),
      ),
    );
    const missing = Object.keys(CHAT_ERROR_CODES).filter((code) => !documented.has(code));
    expect(missing, "codes without a README row").to.deep.equal([]);
  });
});
