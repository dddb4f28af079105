/**
 * The engine's resource options and targeting through the native plugin
 * (tests/fixtures/accounts-program through the native door, the default tencentchat provider),
 * each as the engine defines it, through the real CLI against the emulator:
 * `ignoreChanges`, `retainOnDelete`, `deletedWith`, `pulumi up --target`,
 * and two stacks of one project deploying to one app at the same time.
 */
import { expect } from "chai";
import { startChatStack, type ChatStack } from "../support/chat-stack";
import { NATIVE_DOOR } from "../support/front-doors";
import { exportedState, expectNativeState } from "../support/native-tools";
import { exportState, officialAccountsIn, startPulumi } from "../support/stack-tools";

const OWNER = "options-owner";
type Spec = Record<string, unknown>;

describe("native provider: the engine's resource options and targeting", function () {
  this.timeout(15 * 60 * 1000);
  let stack: ChatStack;

  before(async () => {
    stack = await startChatStack("native-engine-options", {
      door: NATIVE_DOOR,
      emulator: { importUsers: [OWNER] },
    });
  });
  after(async () => stack?.dispose());

  /** The ids the program exported, by logical name. */
  async function ids(): Promise<Record<string, string>> {
    return (await stack.outputs()).ids as Record<string, string>;
  }

  async function accountsInState(): Promise<string[]> {
    return [...officialAccountsIn(await exportState(stack), NATIVE_DOOR.resourceType).keys()].sort();
  }

  /** `up` with its preview, as users run it; the emulator's calls are counted from here. */
  async function up(specs: Record<string, Spec>, extra: string[] = []): Promise<string> {
    await stack.setAccounts(specs);
    stack.resetCalls();
    return (await stack.pulumiOk(["up", "--yes", ...extra])).output;
  }

  describe("ignoreChanges", () => {
    const specs = {
      quiet: {
        ownerAccount: OWNER,
        name: "Quiet",
        introduction: "as declared",
        options: { ignoreChanges: ["introduction"] },
      },
      watched: { ownerAccount: OWNER, name: "Watched", introduction: "as declared" },
    };

    it("drift in an ignored field shows no diff and no update; the same drift in a field not ignored does", async () => {
      await up(specs);
      const { quiet, watched } = await ids();
      await stack.api.modify(quiet, { introduction: "edited in the console" });
      await stack.api.modify(watched, { introduction: "edited in the console" });
      await stack.pulumiOk(["refresh", "--yes", "--skip-preview"]);

      const preview = await stack.pulumi(["preview", "--diff"]);
      expect(preview.code, preview.output).to.equal(0);
      expect(preview.output, "the account not ignoring introduction is updated").to.match(
        /~ tencentchat:index:OfficialAccount: \(update\)[\s\S]*?::watched\]/,
      );
      expect(preview.output, "nothing to do for the account ignoring introduction").not.to.match(/::quiet\]/);
      expect(preview.output).to.match(/1 to update/);

      await up(specs);
      expect(stack.calls("modify_official_account_base_info"), "updates sent").to.equal(1);
      expect(stack.live(watched)?.Introduction, "the watched account is put back").to.equal("as declared");
      expect(stack.live(quiet)?.Introduction, "the ignored drift stays").to.equal("edited in the console");
      await stack.pulumiOk(["preview", "--expect-no-changes"]);
    });

    it("a new declared value of the ignored field is not sent either", async () => {
      const { quiet } = await ids();
      await up({ ...specs, quiet: { ...specs.quiet, introduction: "a new declared value" } });
      expect(stack.calls("modify_official_account_base_info"), "updates sent").to.equal(0);
      expect(stack.live(quiet)?.Introduction).to.equal("edited in the console");
      await stack.pulumiOk(["preview", "--expect-no-changes"]);
    });
  });

  describe("retainOnDelete and deletedWith", () => {
    it("an account with retainOnDelete leaves the stack but stays in the app", async () => {
      await up({
        kept: { ownerAccount: OWNER, name: "Kept", options: { retainOnDelete: true } },
        gone: { ownerAccount: OWNER, name: "Gone" },
      });
      const { kept, gone } = await ids();
      await up({});
      expect(stack.calls("destroy_official_account"), "delete calls").to.equal(1);
      expect(stack.live(gone), "the other account is deleted").to.equal(undefined);
      expect(stack.live(kept), "the retained account is still in the app").to.include({ Name: "Kept" });
      expect(await accountsInState(), "accounts in state").to.deep.equal([]);
      await stack.api.destroy(kept);
    });

    it("retainOnDelete also holds for pulumi destroy", async () => {
      await up({ kept: { ownerAccount: OWNER, name: "Kept again", options: { retainOnDelete: true } } });
      const { kept } = await ids();
      stack.resetCalls();
      await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
      expect(stack.calls("destroy_official_account"), "delete calls").to.equal(0);
      expect(stack.live(kept), "the retained account is still in the app").to.include({ Name: "Kept again" });
      expect(await accountsInState()).to.deep.equal([]);
      await stack.api.destroy(kept);
    });

    /** Two accounts, the child deleted with the parent. */
    const PARENT_AND_CHILD = {
      parent: { ownerAccount: OWNER, name: "Parent" },
      child: { ownerAccount: OWNER, name: "Child", options: { deletedWith: "parent" } },
    };

    it("an account deletedWith another is not deleted on its own when both go", async () => {
      await up(PARENT_AND_CHILD);
      const { parent, child } = await ids();
      await up({});
      // The engine deletes the parent only: the child goes with it by the user's own account (here the
      // emulator keeps it, as the Chat API does not delete accounts together).
      expect(stack.calls("destroy_official_account"), "delete calls").to.equal(1);
      expect(stack.live(parent), "the parent is deleted").to.equal(undefined);
      expect(stack.live(child), "no delete was sent for the child").to.include({ Name: "Child" });
      expect(await accountsInState()).to.deep.equal([]);
      await stack.api.destroy(child);
    });

    it("an account deletedWith another is deleted as usual when it goes alone", async () => {
      await up(PARENT_AND_CHILD);
      const { parent, child } = await ids();
      await up({ parent: PARENT_AND_CHILD.parent });
      expect(stack.calls("destroy_official_account"), "delete calls").to.equal(1);
      expect(stack.live(child), "the child is deleted").to.equal(undefined);
      expect(stack.live(parent), "the parent stays").to.include({ Name: "Parent" });
      await up({});
      expect(stack.emulator.snapshot().accounts).to.deep.equal([]);
    });
  });

  describe("pulumi up --target", () => {
    const urnOf = (name: string) => `urn:pulumi:test::accounts-under-test::${NATIVE_DOOR.resourceType}::${name}`;

    it("creates and updates only the targeted account", async () => {
      const specs = {
        first: { ownerAccount: OWNER, name: "First", introduction: "v1" },
        second: { ownerAccount: OWNER, name: "Second", introduction: "v1" },
      };
      await up(specs, ["--target", urnOf("first")]);
      expect(stack.calls("create_official_account"), "creates").to.equal(1);
      expect(await accountsInState()).to.deep.equal(["first"]);
      expect(stack.emulator.snapshot().accounts.map((a) => a.Name)).to.deep.equal(["First"]);

      await up(specs);
      expect(stack.calls("create_official_account"), "the untargeted account is created by a full up").to.equal(1);
      const { first, second } = await ids();

      const v2 = {
        first: { ...specs.first, introduction: "v2" },
        second: { ...specs.second, introduction: "v2" },
      };
      await up(v2, ["--target", urnOf("second")]);
      expect(stack.calls("modify_official_account_base_info"), "updates").to.equal(1);
      expect(stack.live(second)?.Introduction).to.equal("v2");
      expect(stack.live(first)?.Introduction, "the untargeted account is untouched").to.equal("v1");

      const preview = await stack.pulumi(["preview", "--expect-no-changes"]);
      expect(preview.code, "the untargeted change is still to do").to.not.equal(0);
      expect(preview.output).to.match(/1 to update/);
      await up(v2);
      expect(stack.live(first)?.Introduction).to.equal("v2");
      await up({});
    });
  });

  describe("two stacks of one project against one app at the same time", () => {
    const SECOND = "second";
    const specsOf = (label: string): Record<string, Spec> =>
      Object.fromEntries(
        Array.from({ length: 5 }, (_, i) => [
          `shared_${i}`,
          { ownerAccount: OWNER, name: `${label} ${i}`, introduction: `${label}: account ${i}` },
        ]),
      );
    /** `pulumi <args>` on the second stack, which shares the program, the backend and the app. */
    const onSecond = (args: string[]) => stack.pulumiOk([...args, "--stack", SECOND]);

    before(async () => {
      await stack.pulumiOk(["stack", "init", SECOND, "--no-select"]);
      await onSecond(["config", "set", "tencentchat:endpoint", stack.emulator.url]);
      await onSecond(["config", "set", "--secret", "tencentchat:secretKey", stack.secretKey]);
      await onSecond(["config", "set", "frontDoor", NATIVE_DOOR.frontDoorConfig]);
    });

    /** Runs `up` of both stacks at once; both must succeed. */
    async function upBoth(first: Record<string, Spec>, second: Record<string, Spec>): Promise<void> {
      await stack.setAccounts(first);
      await onSecond(["config", "set", "accounts", JSON.stringify(second)]);
      const runs = [startPulumi(stack, ["up", "--yes"]), startPulumi(stack, ["up", "--yes", "--stack", SECOND])];
      for (const result of await Promise.all(runs.map((run) => run.done))) {
        expect(result.code, result.output).to.equal(0);
      }
    }

    async function stateOf(stackName: string): Promise<Map<string, string>> {
      const { stdout } = await stack.pulumiOk(["stack", "export", "--stack", stackName]);
      const resources = (JSON.parse(stdout).deployment.resources ?? []) as Array<{
        type: string;
        urn: string;
        id?: string;
      }>;
      return new Map(
        resources
          .filter((r) => r.type === NATIVE_DOOR.resourceType)
          .map((r) => [r.urn.slice(r.urn.lastIndexOf("::") + 2), r.id!]),
      );
    }

    it("creates, updates and destroys each stack's own accounts without touching the other's", async () => {
      const first = specsOf("first");
      const second = specsOf("second");
      await upBoth(first, second);
      const firstIds = await stateOf("test");
      const secondIds = await stateOf(SECOND);
      expect([...firstIds.keys()].sort()).to.deep.equal(Object.keys(first).sort());
      expect([...secondIds.keys()].sort()).to.deep.equal(Object.keys(second).sort());
      const all = [...firstIds.values(), ...secondIds.values()];
      expect(new Set(all).size, "same logical names, distinct accounts").to.equal(10);
      expect(
        stack.emulator
          .snapshot()
          .accounts.map((a) => a.Official_Account)
          .sort(),
      ).to.deep.equal(all.sort());
      for (const [name, id] of firstIds) expect(stack.live(id), name).to.include({ Name: first[name].name });
      for (const [name, id] of secondIds) expect(stack.live(id), name).to.include({ Name: second[name].name });

      // Both change at once: each stack updates only its own accounts.
      const firstV2 = specsOf("first v2");
      await upBoth(firstV2, second);
      for (const [name, id] of firstIds) expect(stack.live(id), name).to.include({ Name: firstV2[name].name });
      for (const [name, id] of secondIds) expect(stack.live(id), name).to.include({ Name: second[name].name });
      await stack.pulumiOk(["preview", "--expect-no-changes"]);
      await onSecond(["preview", "--expect-no-changes"]);

      // Destroying one stack leaves the other's accounts and a clean drift check behind.
      await onSecond(["destroy", "--yes", "--skip-preview"]);
      for (const id of secondIds.values()) expect(stack.live(id), id).to.equal(undefined);
      for (const [name, id] of firstIds) expect(stack.live(id), name).to.include({ Name: firstV2[name].name });
      await stack.pulumiOk(["refresh", "--preview-only", "--expect-no-changes"]);
      await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
      expect(stack.emulator.snapshot().accounts).to.deep.equal([]);
    });
  });

  describe("afterwards", () => {
    it("keeps no code and no secret in state, and prints neither", async () => {
      const { text } = await exportedState(stack);
      expectNativeState(text, [stack.secretKey]);
      for (const entry of stack.transcript) {
        const printed = entry.slice(entry.indexOf("\n") + 1);
        expect(printed.includes(stack.secretKey), "the secret key in pulumi's output").to.equal(false);
      }
    });
  });
});
