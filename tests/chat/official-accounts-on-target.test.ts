/**
 * The client against a target: the emulator under `npm test`, a live Chat app
 * under `npm run test:live` (tests/support/chat-target.ts). The same
 * assertions hold for both, which is how the emulator's fidelity is checked.
 * Emulator-only cases (call counters, fault injection) skip on live.
 */
import { expect } from "chai";
import { ChatApiError, ChatClient, OfficialAccountsApi } from "../../provider/chat";
import { openChatTarget, type ChatTarget } from "../support/chat-target";

const CREATE = "create_official_account";

async function chatError(promise: Promise<unknown>, what: string): Promise<ChatApiError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) expect.fail(`${what}: want a ChatApiError, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error, what).to.be.instanceOf(ChatApiError);
  return outcome.error as ChatApiError;
}

describe("chat client on the target (emulator, or a live app with npm run test:live)", function () {
  this.timeout(5 * 60 * 1000);
  let target: ChatTarget;
  let api: OfficialAccountsApi;
  let owner: string;

  before(async () => {
    target = await openChatTarget();
    api = target.api;
    owner = target.users.owner;
  });
  after(async () => target?.close());

  it("creates an account with every profile field and reads the same fields back", async () => {
    const id = target.accountId("full");
    const fields = {
      name: "News 新闻",
      introduction: "Daily news",
      faceUrl: "https://example.com/face.png",
      organization: "Example Org",
      customString: '{"tier":1}',
    };
    const result = await api.create({
      officialAccountUserId: id,
      ownerAccount: owner,
      maxSubscriberNum: 5000,
      ...fields,
    });
    expect(result).to.deep.equal({ officialAccountUserId: id, maybeCreatedByEarlierAttempt: false });
    const info = await api.get(id);
    expect(info, `${id} reads back`).to.include({ officialAccountUserId: id, ownerAccount: owner, ...fields });
    expect(info!.createTime, "createTime").to.be.a("number").greaterThan(0);
    // MaxSubscriberNum is not in the documented read answer: absent or as set.
    expect([undefined, 5000]).to.include(info!.maxSubscriberNum);
  });

  it("returns the id the service generates when none is given", async () => {
    const name = `${target.runPrefix} generated`; // the id is the service's: the name carries the run prefix
    const { officialAccountUserId } = await api.create({ ownerAccount: owner, name });
    target.track(officialAccountUserId);
    expect(officialAccountUserId).to.match(/^@TOA#_.+/);
    expect((await api.get(officialAccountUserId))?.name).to.equal(name);
  });

  it("answers 130008 for an id in use, and 70107 for an owner never imported", async () => {
    const id = target.accountId("taken");
    await api.create({ officialAccountUserId: id, ownerAccount: owner, name: "First" });
    const taken = await chatError(
      api.create({ officialAccountUserId: id, ownerAccount: owner, name: "Second" }),
      "taken",
    );
    expect(taken.code).to.equal(130008);
    const orphan = target.accountId("orphan");
    const noOwner = await chatError(
      api.create({ officialAccountUserId: orphan, ownerAccount: `${target.runPrefix}-ghost`, name: "x" }),
      "owner never imported",
    );
    expect(noOwner.code).to.equal(70107);
    expect(await api.get(orphan), "nothing was created").to.equal(undefined);
  });

  it("reads several ids in one getInfo, undefined for one that does not exist", async () => {
    const a = target.accountId("read-a");
    const b = target.accountId("read-b");
    const missing = target.accountId("read-missing");
    await api.create({ officialAccountUserId: a, ownerAccount: owner, name: "A" });
    await api.create({ officialAccountUserId: b, ownerAccount: owner, name: "B" });
    const infos = await api.getInfo([a, missing, b]);
    expect(infos.get(a)?.name).to.equal("A");
    expect(infos.get(b)?.name).to.equal("B");
    expect(infos.has(missing) && infos.get(missing)).to.equal(undefined);
  });

  it("modifies only the given fields, and answers 130004 for a missing account", async () => {
    const id = target.accountId("modify");
    await api.create({ officialAccountUserId: id, ownerAccount: owner, name: "Before", introduction: "keep me" });
    await api.modify(id, { name: "After", customString: "x" });
    expect(await api.get(id)).to.include({ name: "After", introduction: "keep me", customString: "x" });
    const gone = await chatError(api.modify(target.accountId("modify-gone"), { name: "x" }), "modify missing");
    expect(gone.code).to.equal(130004);
  });

  it("destroys an account, and treats destroying a missing one as done", async () => {
    const id = target.accountId("destroy");
    await api.create({ officialAccountUserId: id, ownerAccount: owner, name: "Doomed" });
    expect(await api.destroy(id)).to.deep.equal({ existed: true });
    expect(await api.get(id)).to.equal(undefined);
    expect(await api.destroy(id)).to.deep.equal({ existed: false });
  });

  it("adds subscribers, pages through them, lists a reader's subscriptions, and deletes one", async () => {
    const id = target.accountId("subs");
    const readers = [...target.users.readers];
    await api.create({ officialAccountUserId: id, ownerAccount: owner, name: "Subscribed" });
    await api.addSubscribers(id, readers);

    const first = await api.getSubscribers(id, { limit: 2 });
    expect(first.subscribers).to.have.length(2);
    const all = await api.listAllSubscribers(id, { limit: 2 });
    expect(all.map((s) => s.subscriberAccount).sort()).to.deep.equal(readers.slice().sort());

    const subscribed = await api.listAllSubscribed(readers[0]);
    expect(subscribed.map((a) => a.officialAccountUserId)).to.include(id);

    await api.deleteSubscribers(id, [readers[0]]);
    const left = await api.listAllSubscribers(id);
    expect(left.map((s) => s.subscriberAccount).sort()).to.deep.equal(readers.slice(1).sort());
  });

  it("batches a read of 3 ids into one call (emulator only: counts calls)", async function () {
    const emulator = target.emulatorOr(this, "counting calls needs the emulator's counters");
    const ids = [target.accountId("count-1"), target.accountId("count-2"), target.accountId("count-3")];
    for (const id of ids) await api.create({ officialAccountUserId: id, ownerAccount: owner, name: id.slice(-7) });
    emulator.resetCounters();
    await api.getInfo(ids);
    expect(emulator.counters().commands.get_official_account_info?.calls).to.equal(1);
  });

  it("finds its own create after the first answer is lost (emulator only: fault injection)", async function () {
    const emulator = target.emulatorOr(this, "dropping an answer needs the emulator's fault injection");
    const id = target.accountId("lost");
    emulator.setFaults({ drop: 1, commands: [CREATE] });
    const lossy = new OfficialAccountsApi(
      new ChatClient({
        ...target.settings,
        retryBaseDelayMs: 5,
        retryMaxDelayMs: 50,
        log: (line) => {
          if (/attempt 1 -> [A-Z_]+ after/.test(line)) emulator.setFaults({});
        },
      }),
    );
    const result = await lossy.create({ officialAccountUserId: id, ownerAccount: owner, name: "Lost answer" });
    expect(result).to.deep.equal({ officialAccountUserId: id, maybeCreatedByEarlierAttempt: true });
    expect((await api.get(id))?.name).to.equal("Lost answer");
  });
});
