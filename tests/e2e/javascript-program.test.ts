/**
 * A plain-JavaScript program (examples/javascript: `runtime: nodejs`,
 * `main: index.js`) with only @pulumi/pulumi and the packed package
 * installed, no `typescript`: @pulumi/pulumi then serializes the provider
 * shim with the TypeScript 3.8.3 it vendors. A preview of the new stack, up,
 * refresh, a clean preview and destroy through the real CLI against the emulator.
 */
import { expect } from "chai";
import { lstatSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/pulumi-runner";
import { startChatStack, type ChatStack } from "../support/chat-stack";
import { installPacked, resolvableFrom } from "../support/packed-install";
import { exportState, officialAccountsIn } from "../support/stack-tools";

describe("a plain JavaScript program using the packed package, without typescript", function () {
  this.timeout(15 * 60 * 1000);
  let stack: ChatStack;

  before(async () => {
    // Outside the repo, so nothing resolves the repo's node_modules (which has TypeScript 5).
    const dir = mkdtempSync(path.join(tmpdir(), "tencentchat-javascript-"));
    stack = await startChatStack("javascript", {
      program: path.join(REPO_ROOT, "examples", "javascript"),
      sandboxDir: dir,
      emulator: { importUsers: ["newsroom"] },
    });
    await installPacked(stack.programDir);
  });
  after(async () => stack?.dispose());

  it("has the packed package and @pulumi/pulumi installed, and no typescript", async () => {
    const installed = path.join(stack.programDir, "node_modules", "pulumi-tencent-chat");
    expect(lstatSync(installed).isSymbolicLink(), "a copy from the tarball, not a link to the repo").to.equal(false);
    expect(await resolvableFrom(stack.programDir, "@pulumi/pulumi")).to.equal(true);
    expect(await resolvableFrom(stack.programDir, "typescript"), "typescript must not be resolvable").to.equal(false);
  });

  it("previews the new stack: the lookup of an account still to be created is unknown, not a failure", async () => {
    stack.resetCalls();
    const preview = await stack.pulumiOk(["preview"]);
    expect(preview.stdout).to.match(/\+ 3 to create/);
    expect(preview.stdout).to.match(/helpName\s*:\s*\[unknown\]/);
    expect(stack.calls("get_official_account_info"), "no read of an account that does not exist yet").to.equal(0);
    expect(stack.calls("create_official_account"), "a preview writes nothing").to.equal(0);
  });

  it("goes through up, refresh, preview --expect-no-changes and destroy", async () => {
    // With its preview, as `pulumi up` runs by default.
    await stack.pulumiOk(["up", "--yes"]);
    const outputs = await stack.outputs();
    const ids = outputs.ids as Record<string, string>;
    expect(ids.help).to.equal("@TOA#_js_help");
    expect(outputs.helpName, "the lookup ran").to.equal("Help Desk");
    expect(stack.live(ids.bulletin)?.Name).to.equal("Bulletin");
    expect(stack.live(ids.help)?.Owner_Account).to.equal("newsroom");

    const accounts = officialAccountsIn(await exportState(stack));
    expect([...accounts.keys()].sort()).to.deep.equal(["bulletin", "help"]);
    for (const [name, resource] of accounts) {
      expect(String(resource.outputs?.__provider), `${name}'s stored shim`).to.include(
        "pulumi-tencent-chat/provider-runtime",
      );
    }

    await stack.pulumiOk(["refresh", "--yes", "--skip-preview"]);
    await stack.pulumiOk(["preview", "--expect-no-changes"]);

    stack.resetCalls();
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(stack.calls("destroy_official_account")).to.equal(2);
    expect(stack.live(ids.bulletin), "bulletin deleted").to.equal(undefined);
    expect(stack.live(ids.help), "help deleted").to.equal(undefined);
  });
});
