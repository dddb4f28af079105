/**
 * Moving a stack's dynamic OfficialAccounts to the native type without
 * destroying or re-creating any account: `pulumi state delete` of each
 * dynamic resource, `pulumi import` of the same ids as the native type
 * (one import file), then the program switched to the native class. The
 * emulator's counters prove no account was created or destroyed. The
 * emulator answers reads as the documented API does, without
 * MaxSubscriberNum: the import leaves it out with a warning, and an account
 * that declares it gets it sent once (one modify call) by the first up after
 * the import; one that does not keeps its live limit untouched.
 */
import { expect } from "chai";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { startChatStack, type ChatStack } from "../support/chat-stack";
import { exportedState, expectNativeState } from "../support/native-tools";

const NATIVE_TYPE = "tencentchat:index:OfficialAccount";
/** The stack's accounts: alpha with a generated id, beta with a declared id and a limit the read cannot return. */
const ACCOUNTS = {
  alpha: { ownerAccount: "editor", name: "Alpha", introduction: "generated id" },
  beta: { ownerAccount: "editor", name: "Beta", officialAccountUserId: "@TOA#_beta_declared", maxSubscriberNum: 42 },
};

describe("native provider: migrating a stack from the dynamic resource", function () {
  this.timeout(600_000);
  let stack: ChatStack;
  let ids: Record<string, string>;

  before(async () => {
    stack = await startChatStack("native-migration", {
      program: "native-program",
      emulator: { importUsers: ["editor"] },
    });
    await stack.setConfig("frontDoor", "dynamic");
    await stack.setAccounts(ACCOUNTS);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    ids = (await stack.outputs()).ids as Record<string, string>;
    stack.resetCalls();
  });
  after(async () => stack?.dispose());

  it("state delete + import moves every account to the native type; nothing is created or destroyed", async () => {
    const { resources } = await exportedState(stack);
    const dynamic = resources.filter((resource) => resource.outputs?.__provider !== undefined);
    expect(dynamic.map((resource) => resource.urn.split("::").pop()).sort()).to.deep.equal(["alpha", "beta"]);

    // The native resources take the same logical names; protect stays off, as in the program.
    const importFile = path.join(stack.sandbox.dir, "migrate.json");
    writeFileSync(
      importFile,
      JSON.stringify({
        resources: dynamic.map((resource) => ({
          type: NATIVE_TYPE,
          name: resource.urn.split("::").pop(),
          id: resource.id,
          protect: false,
        })),
      }),
    );
    for (const resource of dynamic) await stack.pulumiOk(["state", "delete", resource.urn, "--yes"]);
    const imported = await stack.pulumiOk(["import", "--file", importFile, "--yes", "--generate-code=false"]);
    // The documented read does not return MaxSubscriberNum: the import says so, and records none.
    expect(imported.output).to.include("warning: maxSubscriberNum could not be read");

    await stack.setConfig("frontDoor", "native");
    const preview = await stack.pulumiOk(["preview", "--diff"]);
    expect(preview.output, "nothing is replaced, created or deleted").not.to.match(/to (create|delete|replace)/);
    // Only beta's maxSubscriberNum (42, which the import could not read) is re-sent.
    expect(preview.output).to.match(/~ 1 to update/);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
    expect((await stack.outputs()).ids).to.deep.equal(ids);

    for (const command of ["create_official_account", "destroy_official_account"]) {
      expect(stack.calls(command), command).to.equal(0);
    }
    expect(stack.calls("modify_official_account_base_info"), "beta's maxSubscriberNum re-sent once").to.equal(1);
    expect(stack.live(ids.alpha)).to.include({ Name: "Alpha", Introduction: "generated id" });
    expect(stack.live(ids.beta)).to.include({ Name: "Beta", MaxSubscriberNum: 42 });
  });

  it("leaves a native stack: no serialized provider, and later changes go through the plugin", async () => {
    const { text, resources } = await exportedState(stack);
    expectNativeState(text, [stack.secretKey]);
    expect(resources.filter((resource) => resource.type === NATIVE_TYPE)).to.have.length(2);
    expect(
      resources.filter(
        (resource) => resource.type.startsWith("pulumi-nodejs:") || resource.type.includes("pulumi-nodejs"),
      ),
      "the dynamic provider left state with its last account",
    ).to.deep.equal([]);

    await stack.setAccounts({ ...ACCOUNTS, alpha: { ...ACCOUNTS.alpha, name: "Alpha renamed" } });
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(stack.live(ids.alpha)?.Name).to.equal("Alpha renamed");
    expect(stack.calls("create_official_account")).to.equal(0);
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(stack.live(ids.alpha)).to.equal(undefined);
    expect(stack.live(ids.beta)).to.equal(undefined);
  });
});
