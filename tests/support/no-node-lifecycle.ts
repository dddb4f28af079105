/**
 * The steps the no-Node user tests share, written once: the check that the
 * user's PATH has no Node.js; the drift steps every one takes after `up` (an
 * account changed behind Pulumi's back, by a signed call to the emulator, is
 * caught by a refresh drift check, recorded by refresh, shown by preview and
 * put back by up; then preview expects no changes); and the whole run of an
 * example whose plugin the engine downloads (Python, Go).
 */
import { expect } from "chai";
import { existsSync } from "node:fs";
import * as path from "node:path";
import type { AccountSnapshot } from "../../emulator";
import { nodeLookup } from "./no-node-environment";
import { startNoNodeStack, type NoNodeStack, type NoNodeStackOptions } from "./no-node-stack";
import { HOST_PLATFORM } from "./release-artifacts";

/** `command -v node` (and npm) finds nothing on the user's PATH. */
export function expectNoNodeOnPath(stack: NoNodeStack): void {
  const lookup = nodeLookup(stack.env);
  expect(lookup.status, `command -v node found something:\n${lookup.output}`).to.not.equal(0);
  expect(lookup.output.trim()).to.equal("");
}

export interface DriftCase {
  readonly id: string;
  /** The program's name for the field, e.g. `introduction`. */
  readonly field: "introduction" | "name";
  /** The emulator's name for it. */
  readonly wireField: keyof AccountSnapshot;
  /** What the program declares. */
  readonly declared: string;
}

export async function expectDriftCaughtAndRepaired(stack: NoNodeStack, drift: DriftCase): Promise<void> {
  const edited = "edited in the console";
  await stack.api.modify(drift.id, { [drift.field]: edited });
  expect((await stack.live(drift.id))?.[drift.wireField]).to.equal(edited);

  const check = await stack.pulumi(["refresh", "--preview-only", "--expect-no-changes"]);
  expect(check.code, `a drift check fails on drift:\n${check.output}`).to.not.equal(0);
  expect(check.output).to.match(new RegExp(`~ .*OfficialAccount .*update \\[diff: ~${drift.field}\\]`));
  await stack.pulumiOk(["refresh", "--yes", "--skip-preview"]);

  const preview = await stack.pulumi(["preview", "--expect-no-changes", "--diff"]);
  expect(preview.code, `preview reports the drift:\n${preview.output}`).to.not.equal(0);
  expect(preview.output).to.match(new RegExp(`${drift.field} *: *"${edited}" => "${drift.declared}"`));

  await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
  expect((await stack.live(drift.id))?.[drift.wireField]).to.equal(drift.declared);
  await stack.pulumiOk(["preview", "--expect-no-changes"]);
}

/**
 * Registers, in the calling `describe`, the hooks that start the no-Node stack
 * of examples/`example` before its tests (the example's owner imported, the
 * settings in the program's own config keys) and dispose of it after them.
 * Returns the started stack.
 */
export function usesExampleStack(example: "python" | "go", install: NoNodeStackOptions["install"]): () => NoNodeStack {
  let stack: NoNodeStack | undefined;
  before(async () => {
    stack = await startNoNodeStack({
      label: `no-node-${example}`,
      example,
      configPrefix: "",
      importUsers: ["newsroom"],
      install,
    });
  });
  after(async () => stack?.dispose());
  return () => {
    if (!stack) throw new Error(`the ${example} example's stack did not start (see the before hook's error)`);
    return stack;
  };
}

/**
 * Registers, in the calling `describe`, the run of an example program (examples/python, examples/go) with no
 * plugin installed: up makes the engine download the release's archive from the release server and install
 * it, the example's outputs come back through the three functions, refresh catches drift, destroy removes
 * every account. `weatherId` is the id the example gives its second account.
 */
export function itRunsTheExampleWithADownloadedPlugin(stackOf: () => NoNodeStack, weatherId: string): void {
  let newsId: string;

  it("up downloads the plugin through the engine and creates the accounts; the functions read them", async () => {
    const stack = stackOf();
    const version = stack.release.version;
    const up = await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(up.output).to.match(/pulumi:providers:tencentchat +app +created/);
    const archive = `/pulumi-resource-tencentchat-v${version}-${HOST_PLATFORM.os}-${HOST_PLATFORM.arch}.tar.gz`;
    expect(stack.releaseServer.requests, "the engine fetched the archive from the release server").to.deep.include({
      path: archive,
      status: 200,
    });
    const plugins = await stack.pulumiOk(["plugin", "ls"]);
    expect(plugins.stdout).to.match(new RegExp(`tencentchat\\s+resource\\s+${version.replace(/\./g, "\\.")}`));
    const installed = path.join(stack.pluginCache, `resource-tencentchat-v${version}`);
    expect(existsSync(path.join(installed, "pulumi-resource-tencentchat")), `${installed} holds the plugin`).to.equal(
      true,
    );

    const outputs = await stack.outputs();
    newsId = outputs.newsId as string;
    expect(newsId).to.match(/^@TOA#_news_/);
    expect(outputs.weatherId).to.equal(weatherId);
    expect(outputs.newsLiveName).to.equal("Daily News");
    expect(outputs.foundCount, "getOfficialAccounts found both").to.equal(2);
    expect(outputs.ownerFollows, "getSubscribedOfficialAccounts").to.equal(0);
    expect(await stack.live(newsId)).to.include({ Name: "Daily News", Introduction: "The morning briefing" });
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
  });

  it("refresh catches a change made behind Pulumi's back, preview shows it, up puts it back", async () => {
    await expectDriftCaughtAndRepaired(stackOf(), {
      id: newsId,
      field: "introduction",
      wireField: "Introduction",
      declared: "The morning briefing",
    });
  });

  it("destroy removes the accounts", async () => {
    const stack = stackOf();
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect((await stack.emulator.state()).accounts).to.have.length(0);
  });
}
