/**
 * OfficialAccount through the real Pulumi CLI against a target: the emulator
 * under `npm test`, a live Chat app under `npm run test:live`. Same steps,
 * same assertions; every account carries the run's prefix and is destroyed
 * when the suite ends, whatever happened.
 */
import { expect } from "chai";
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { generateOfficialAccountId } from "../../provider/behaviour/official-account/account-id";
import { openChatTarget, type ChatTarget } from "../support/chat-target";
import { startTargetStack, type TargetStack } from "../support/target-stack";

/** The fixture's project and the stack startProgramStack creates: they seed generated ids. */
const PROJECT = "accounts-under-test";
const STACK = "test";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

describe("OfficialAccount through the engine on the target (emulator, or a live app with npm run test:live)", function () {
  this.timeout(15 * 60 * 1000);
  let target: ChatTarget;
  let stack: TargetStack;
  let newsName: string;
  let newsId: string;
  let supportId: string;
  let specs: Record<string, Record<string, unknown>>;

  before(async () => {
    target = await openChatTarget();
    stack = await startTargetStack("on-target", target);
    const owner = target.users.owner;
    newsName = target.resourceName("news");
    // The provider derives this id at `up`; recorded first so clean-up finds it after any failure.
    newsId = generateOfficialAccountId(`${PROJECT}/${STACK}/${newsName}`, owner);
    target.track(newsId);
    supportId = target.accountId("support");
    specs = {
      [newsName]: { ownerAccount: owner, name: "Daily News", introduction: "The morning briefing" },
      support: { officialAccountUserId: supportId, ownerAccount: owner, name: "Support", customString: '{"a":1}' },
    };
  });
  after(async () => {
    try {
      await stack?.pulumi(["destroy", "--yes", "--skip-preview"]);
    } finally {
      stack?.dispose();
      await target?.close();
    }
  });

  it("up creates the accounts as declared, and a preview right after shows no changes", async () => {
    await stack.setAccounts(specs);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const ids = (await stack.outputs()).ids as Record<string, string>;
    expect(ids).to.deep.equal({ [newsName]: newsId, support: supportId });
    expect(await target.api.get(newsId)).to.include({
      ownerAccount: target.users.owner,
      name: "Daily News",
      introduction: "The morning briefing",
    });
    expect(await target.api.get(supportId)).to.include({ name: "Support", customString: '{"a":1}' });
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
  });

  it("a change made behind Pulumi's back is recorded by refresh, shown by preview, and put back by up", async () => {
    await target.api.modify(newsId, { introduction: "changed by hand" });
    await stack.pulumiOk(["refresh", "--yes", "--skip-preview"]);
    const preview = await stack.pulumi(["preview", "--expect-no-changes"]);
    expect(preview.code, `preview shows the drift:\n${preview.output}`).to.not.equal(0);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect((await target.api.get(newsId))?.introduction).to.equal("The morning briefing");
  });

  it("a changed introduction updates the same account in place", async () => {
    const before = await target.api.get(supportId);
    await stack.setAccounts({ ...specs, support: { ...specs.support, introduction: "Ask us" } });
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const after = await target.api.get(supportId);
    expect(after).to.include({ introduction: "Ask us", createTime: before!.createTime });
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
  });

  it("neither output nor state files show the secret key", async () => {
    const key = target.settings.secretKey;
    for (const entry of stack.transcript) expect(entry.includes(key), entry.slice(0, 200)).to.equal(false);
    for (const file of filesUnder(path.join(stack.sandbox.dir, "backend"))) {
      expect(readFileSync(file, "utf8").includes(key), file).to.equal(false);
    }
  });

  it("destroy removes every account", async () => {
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(await target.api.get(newsId)).to.equal(undefined);
    expect(await target.api.get(supportId)).to.equal(undefined);
  });
});
