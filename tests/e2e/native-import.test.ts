/**
 * `pulumi import` of an official account made outside Pulumi, through the
 * native plugin: the engine records it, prints the code declaring it with
 * its live fields, and with that code in the program
 * `pulumi preview --expect-no-changes` passes. No account is written to.
 * The engine finds the plugin through the `plugins.providers[].path` entry
 * of Pulumi.yaml (the plugin is not on PATH here).
 */
import { expect } from "chai";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/pulumi-runner";
import { startChatStack, type ChatStack } from "../support/chat-stack";
import { exportedState, expectNativeState, withPathPrefix, yamlLanguageHostDir } from "../support/native-tools";

const ID = "@TOA#_x";

describe("native provider: pulumi import", function () {
  this.timeout(600_000);
  let stack: ChatStack;

  before(async () => {
    stack = await withPathPrefix(yamlLanguageHostDir(), () =>
      startChatStack("native-import", {
        program: "native-yaml-import",
        // The documented read does not list MaxSubscriberNum; this emulator returns it, as a service that does would.
        emulator: { importAccounts: ["newsroom"], returnMaxSubscriberNum: true },
      }),
    );
    // The plugin comes from Pulumi.yaml, not PATH; node stays reachable for its `#!/usr/bin/env node`.
    stack.sandbox.env.PATH = [
      path.dirname(process.execPath),
      ...(stack.sandbox.env.PATH ?? "")
        .split(path.delimiter)
        .filter((dir) => !existsSync(path.join(dir, "pulumi-resource-tencentchat"))),
    ].join(path.delimiter);
    appendFileSync(
      path.join(stack.programDir, "Pulumi.yaml"),
      `plugins:\n  providers:\n    - name: tencentchat\n      path: ${JSON.stringify(path.join(REPO_ROOT, "bin"))}\n`,
    );
    await stack.api.create({
      officialAccountUserId: ID,
      ownerAccount: "newsroom",
      name: "Console News",
      introduction: "Made in the console, 控制台",
      organization: "Newsroom Ltd",
      maxSubscriberNum: 2500,
    });
    stack.resetCalls();
  });
  after(async () => stack?.dispose());

  it("records the account and prints the code that declares it with its live fields", async () => {
    const imported = await stack.pulumiOk(["import", "tencentchat:index:OfficialAccount", "news", ID, "--yes"]);
    expect(imported.output).not.to.include("pulumi-resource-tencentchat from $PATH");
    const code = imported.stdout.slice(imported.stdout.indexOf("resources:"));
    for (const expected of [
      "type: tencentchat:",
      "ownerAccount: newsroom",
      "name: Console News",
      "organization: Newsroom Ltd",
      "maxSubscriberNum: 2500",
      "控制台",
      `officialAccountUserId: '${ID}'`,
    ]) {
      expect(code, expected).to.include(expected);
    }
    const { text, resources } = await exportedState(stack);
    const account = resources.find((resource) => resource.type === "tencentchat:index:OfficialAccount");
    expect(account?.id).to.equal(ID);
    expect(account?.outputs).to.include({ name: "Console News", maxSubscriberNum: 2500 });
    expectNativeState(text, [stack.secretKey]);

    // Paste the printed code into the program, as the CLI asks.
    appendFileSync(path.join(stack.programDir, "Pulumi.yaml"), code);
  });

  it("with the printed code in the program, preview --expect-no-changes passes", async () => {
    expect(readFileSync(path.join(stack.programDir, "Pulumi.yaml"), "utf8")).to.include("news:");
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
    await stack.pulumiOk(["up", "--yes", "--expect-no-changes"]);
    expect(stack.calls("get_official_account_info"), "the import and preview read it").to.be.greaterThan(0);
    expect(stack.calls("create_official_account"), "no account created").to.equal(0);
    expect(stack.calls("modify_official_account_base_info"), "no account written to").to.equal(0);
    expect(stack.live(ID)).to.include({ Name: "Console News", MaxSubscriberNum: 2500 });
  });
});
