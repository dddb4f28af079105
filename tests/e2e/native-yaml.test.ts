/**
 * The native front door from a Pulumi YAML program (examples/yaml), through
 * the real CLI, the YAML language host and the plugin installed by
 * `pulumi-tencent-chat install-plugin` into the stack's PULUMI_HOME (with no
 * pulumi-resource-tencentchat on PATH): up, a function call, refresh
 * catching drift, preview, up putting it back, destroy.
 */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/pulumi-runner";
import type { ChatStack } from "../support/chat-stack";
import { exportedState, expectNativeState, startYamlChatStack } from "../support/native-tools";

describe("native provider: a Pulumi YAML program (examples/yaml)", function () {
  this.timeout(600_000);
  let stack: ChatStack;

  before(async () => {
    stack = await startYamlChatStack("native-yaml", {
      program: path.join("..", "..", "examples", "yaml"),
      emulator: { importUsers: ["newsroom", "reader-1"] },
    });
    // No plugin on PATH: only the copy install-plugin puts into this stack's PULUMI_HOME.
    const pathWithoutBin = (stack.sandbox.env.PATH ?? "")
      .split(path.delimiter)
      .filter((dir) => !existsSync(path.join(dir, "pulumi-resource-tencentchat")))
      .join(path.delimiter);
    stack.sandbox.env.PATH = pathWithoutBin;
    const installed = execFileSync(
      process.execPath,
      [path.join(REPO_ROOT, "bin", "pulumi-tencent-chat"), "install-plugin"],
      { env: { ...process.env, PULUMI_HOME: stack.sandbox.env.PULUMI_HOME }, encoding: "utf8" },
    );
    expect(installed).to.match(/installed pulumi-resource-tencentchat v\d+\.\d+\.\d+ into .*resource-tencentchat-v/);
  });
  after(async () => stack?.dispose());

  it("finds the plugin in the plugin cache, creates the accounts and calls a function", async () => {
    const plugins = await stack.pulumiOk(["plugin", "ls"]);
    expect(plugins.stdout).to.match(/tencentchat\s+resource\s+\d+\.\d+\.\d+/);
    // As users run it: a preview of the new stack, then up with its own preview.
    const preview = await stack.pulumiOk(["preview"]);
    expect(preview.stdout).to.match(/\+ 3 to create/);
    expect(stack.calls("create_official_account"), "a preview writes nothing").to.equal(0);
    const up = await stack.pulumiOk(["up", "--yes"]);
    expect(up.output).not.to.include("pulumi-resource-tencentchat from $PATH");
    const outputs = await stack.outputs();
    expect(outputs.dailyNewsId).to.match(/^@TOA#_dailyNews_[0-9a-f]{12}$/);
    expect(outputs.supportId).to.equal("@TOA#_newsroom_support");
    expect(outputs.readerFollows).to.equal(0);
    expect(stack.live("@TOA#_newsroom_support")).to.include({ Name: "Newsroom Support", Owner_Account: "newsroom" });
    expect(stack.live(outputs.dailyNewsId as string)).to.include({ MaxSubscriberNum: 500000 });
  });

  it("the function sees a subscription made outside Pulumi on the next up", async () => {
    await stack.api.addSubscribers("@TOA#_newsroom_support", ["reader-1"]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect((await stack.outputs()).readerFollows).to.equal(1);
  });

  it("refresh records drift made by hand, preview shows it, up puts it back", async () => {
    await stack.api.modify("@TOA#_newsroom_support", { name: "Edited by hand" });
    await stack.pulumiOk(["refresh", "--yes", "--skip-preview"]);
    const preview = await stack.pulumi(["preview", "--expect-no-changes", "--diff"]);
    expect(preview.code, preview.output).not.to.equal(0);
    expect(preview.output).to.match(/name\s*:\s*"Edited by hand"\s*=>\s*"Newsroom Support"/);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(stack.live("@TOA#_newsroom_support")?.Name).to.equal("Newsroom Support");
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
  });

  it("preview reports a malformed or unknown setting on its own key, with the rule", async () => {
    await stack.setConfig("tencentchat:callsPerSecond", "500");
    await stack.setConfig("tencentchat:sdkAppID", "1400000001");
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.to.equal(0);
    expect(preview.output).to.include("tencentchat:callsPerSecond must be a number in (0, 200]");
    expect(preview.output).to.include("sdkAppID is not a tencentchat provider setting; use one of sdkAppId");
    await stack.pulumiOk(["config", "rm", "tencentchat:callsPerSecond"]);
    await stack.pulumiOk(["config", "rm", "tencentchat:sdkAppID"]);
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
  });

  it("keeps no code and no secret in state", async () => {
    const { text, resources } = await exportedState(stack);
    expectNativeState(text, [stack.secretKey]);
    const types = resources.map((resource) => resource.type);
    expect(types).to.include("tencentchat:index:OfficialAccount");
    expect(types).to.include("pulumi:providers:tencentchat");
    for (const line of stack.transcript) expect(line.includes(stack.secretKey)).to.equal(false);
  });

  it("destroy removes every account", async () => {
    const ids = [(await stack.outputs()).dailyNewsId as string, "@TOA#_newsroom_support"];
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    for (const id of ids) expect(stack.live(id), id).to.equal(undefined);
  });
});
