/**
 * `pulumi import` of an official account made outside Pulumi, through the
 * native plugin: the engine records it, prints the code declaring it with
 * only what the account has (no `adopt`, no empty fields, nothing invented),
 * and with that code in the program `pulumi preview --expect-no-changes`
 * passes. No account is written to. Against the documented read, which does
 * not return MaxSubscriberNum, the import leaves that field out and warns;
 * the account's real limit is never overwritten by a default.
 * The engine finds the plugin through the `plugins.providers[].path` entry
 * of Pulumi.yaml (the plugin is not on PATH here).
 */
import { expect } from "chai";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/pulumi-runner";
import type { ChatStack } from "../support/chat-stack";
import { exportedState, expectNativeState, startYamlChatStack } from "../support/native-tools";

const ID = "@TOA#_x";

/** A YAML stack with an empty program whose plugin comes from Pulumi.yaml, and an account made outside Pulumi. */
async function startImportStack(label: string, returnMaxSubscriberNum: boolean, maxSubscriberNum: number) {
  const stack = await startYamlChatStack(label, {
    program: "native-yaml-import",
    emulator: { importUsers: ["newsroom"], returnMaxSubscriberNum },
  });
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
    maxSubscriberNum,
  });
  stack.resetCalls();
  return stack;
}

/** `pulumi import` of the account made outside Pulumi, as `news`. */
function importNews(stack: ChatStack) {
  return stack.pulumiOk(["import", "tencentchat:index:OfficialAccount", "news", ID, "--yes"]);
}

/** The code `pulumi import` printed, from its `resources:` line on. */
function printedCode(stdout: string): string {
  return stdout.slice(stdout.indexOf("resources:"));
}

describe("native provider: pulumi import", function () {
  this.timeout(600_000);
  let stack: ChatStack;

  before(async () => {
    // The documented read does not list MaxSubscriberNum; this emulator returns it, as a service that does would.
    stack = await startImportStack("native-import", true, 2500);
  });
  after(async () => stack?.dispose());

  it("records the account and prints the code that declares it with its live fields", async () => {
    const imported = await importNews(stack);
    expect(imported.output).not.to.include("pulumi-resource-tencentchat from $PATH");
    const code = printedCode(imported.stdout);
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
    // Only what the account has: no provider-only input, no empty text for unset fields.
    expect(code).not.to.match(/adopt|faceUrl|customString|: ''|: ""/);
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

describe("native provider: pulumi import against the documented read (no MaxSubscriberNum)", function () {
  this.timeout(600_000);
  let stack: ChatStack;
  let code: string;

  before(async () => {
    stack = await startImportStack("native-import-documented", false, 2000);
  });
  after(async () => stack?.dispose());

  it("leaves maxSubscriberNum out of the printed code and warns that it could not be read", async () => {
    const imported = await importNews(stack);
    code = printedCode(imported.stdout);
    expect(code).to.include("name: Console News");
    expect(code, "no invented limit").not.to.include("maxSubscriberNum");
    expect(code).not.to.match(/adopt|faceUrl|customString/);
    expect(imported.output).to.match(
      /warning: maxSubscriberNum could not be read: the Chat API's read does not return it/,
    );
    expect(imported.output).to.include("Declare maxSubscriberNum in the program with the account's real value");
    const { resources } = await exportedState(stack);
    const account = resources.find((resource) => resource.type === "tencentchat:index:OfficialAccount");
    expect(account?.inputs, "recorded inputs").not.to.have.property("maxSubscriberNum");
    expect(account?.outputs, "recorded outputs").not.to.have.property("maxSubscriberNum");
  });

  it("with the printed code in the program, preview and up change nothing: the live limit stays 2000", async () => {
    appendFileSync(path.join(stack.programDir, "Pulumi.yaml"), code);
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
    await stack.pulumiOk(["up", "--yes", "--expect-no-changes"]);
    expect(stack.calls("modify_official_account_base_info"), "no account written to").to.equal(0);
    expect(stack.live(ID)).to.include({ MaxSubscriberNum: 2000 });
  });

  it("declaring the field later shows a diff, and up sets it", async () => {
    const file = path.join(stack.programDir, "Pulumi.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("name: Console News", "name: Console News\n      maxSubscriberNum: 3000"),
    );
    const preview = await stack.pulumi(["preview", "--diff", "--expect-no-changes"]);
    expect(preview.code, "a change is previewed").not.to.equal(0);
    expect(preview.output).to.match(/\+ maxSubscriberNum\s*:\s*3000/);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(stack.live(ID)).to.include({ MaxSubscriberNum: 3000 });
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
  });
});
