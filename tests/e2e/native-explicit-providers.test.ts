/**
 * Two explicit `tencentchat` providers in one TypeScript program
 * (pulumi-tencent-chat/native), pointed at two emulators with different
 * apps and keys: each account lands in its own app, and refresh, drift, up
 * and destroy reach the right one. The keys are stored encrypted; neither
 * key nor a UserSig shows in state, output or logs.
 */
import { expect } from "chai";
import { randomBytes } from "node:crypto";
import { ChatClient, OfficialAccountsApi } from "../../provider/chat";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { startChatStack, TEST_IDENTIFIER, TEST_SDK_APP_ID, type ChatStack } from "../support/chat-stack";
import { exportedState, expectNativeState } from "../support/native-tools";

const PRODUCTION_APP_ID = 1400098765;

describe("native provider: explicit providers, two apps in one program", function () {
  this.timeout(600_000);
  let stack: ChatStack;
  let production: RunningEmulator;
  let productionApi: OfficialAccountsApi;
  const productionKey = `prod-secret-${randomBytes(12).toString("hex")}`;
  const ids: Record<string, string> = {};
  const live = (emulator: RunningEmulator, id: string) =>
    emulator.snapshot().accounts.find((account) => account.Official_Account === id);

  before(async () => {
    stack = await startChatStack("native-providers", {
      program: "native-program",
      emulator: { importUsers: ["editor"] },
    });
    production = await startEmulator({
      sdkAppId: PRODUCTION_APP_ID,
      identifier: TEST_IDENTIFIER,
      secretKey: productionKey,
      importUsers: ["editor"],
      control: true,
    });
    productionApi = new OfficialAccountsApi(
      new ChatClient({
        sdkAppId: PRODUCTION_APP_ID,
        identifier: TEST_IDENTIFIER,
        secretKey: productionKey,
        endpoint: production.url,
      }),
    );
    await stack.setConfig("apps", {
      staging: { endpoint: stack.emulator.url, sdkAppId: TEST_SDK_APP_ID, identifier: TEST_IDENTIFIER },
      production: { endpoint: production.url, sdkAppId: PRODUCTION_APP_ID, identifier: TEST_IDENTIFIER },
    });
    // Not through stack.pulumi: the transcript must only hold what pulumi printed, never our own command line.
    await stack.sandbox.runOk(
      [
        "config",
        "set",
        "--secret",
        "--path",
        "appKeys",
        JSON.stringify({ staging: stack.secretKey, production: productionKey }),
      ],
      { cwd: stack.programDir },
    );
    await stack.setAccounts({
      stagingNews: { app: "staging", ownerAccount: "editor", name: "Staging News" },
      productionNews: { app: "production", ownerAccount: "editor", name: "Production News" },
    });
  });
  after(async () => {
    await stack?.dispose();
    await production?.close();
  });

  it("puts each account in its own app", async () => {
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    Object.assign(ids, (await stack.outputs()).ids as Record<string, string>);
    expect(live(stack.emulator, ids.stagingNews)?.Name).to.equal("Staging News");
    expect(live(production, ids.productionNews)?.Name).to.equal("Production News");
    expect(live(stack.emulator, ids.productionNews), "production account not in staging").to.equal(undefined);
    expect(live(production, ids.stagingNews), "staging account not in production").to.equal(undefined);
  });

  it("refresh catches drift in the right app, and up puts it back there", async () => {
    await productionApi.modify(ids.productionNews, { introduction: "changed by hand in production" });
    await stack.pulumiOk(["refresh", "--yes", "--skip-preview"]);
    const preview = await stack.pulumi(["preview", "--expect-no-changes", "--diff"]);
    expect(preview.code).not.to.equal(0);
    expect(preview.output).to.include("changed by hand in production");
    // Only the production account changed: the preview shows one update.
    expect(preview.output).to.match(/productionNews/);
    expect(preview.output).to.match(/1 to update/);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(live(production, ids.productionNews)?.Introduction).to.equal("");
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
  });

  it("stores both keys encrypted, and no key or UserSig shows in state, output or logs", async () => {
    const { text, resources } = await exportedState(stack);
    expectNativeState(text, [stack.secretKey, productionKey]);
    const providers = resources.filter((resource) => resource.type === "pulumi:providers:tencentchat");
    expect(providers.map((provider) => provider.urn.split("::").pop()).sort()).to.include.members([
      "production",
      "staging",
    ]);
    for (const provider of providers.filter((p) => !p.urn.endsWith("::default"))) {
      expect(provider.inputs?.secretKey, provider.urn).to.have.property("ciphertext");
    }
    for (const line of stack.transcript) {
      expect(line.includes(stack.secretKey) || line.includes(productionKey), "a key in pulumi's output").to.equal(
        false,
      );
      expect(line).not.to.match(/usersig=/i);
    }
  });

  it("destroy removes each account from its own app", async () => {
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(live(stack.emulator, ids.stagingNews)).to.equal(undefined);
    expect(live(production, ids.productionNews)).to.equal(undefined);
  });
});
