/**
 * A Pulumi YAML user with no Node.js and no SDK: examples/yaml as the program,
 * the plugin installed offline with
 * `pulumi plugin install resource tencentchat <version> --file <archive>` from
 * the release (the route docs/installation-configuration.md gives for machines
 * without network; the Python suite proves the engine's own download, and the
 * last case the documented online route, `--server` with the schema's URL), the
 * release's self-contained emulator as the Chat API. Then up (with the three
 * functions), refresh catching drift, preview --expect-no-changes, destroy.
 */
import { expect } from "chai";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { PLUGIN_DOWNLOAD_URL } from "../../provider/native/schema";
import { nodeLookup } from "../support/no-node-environment";
import { expectDriftCaughtAndRepaired } from "../support/no-node-lifecycle";
import { startNoNodeStack, type NoNodeStack } from "../support/no-node-stack";
import { HOST_PLATFORM } from "../support/release-artifacts";
import { languageHostFolder } from "../support/release-language-hosts";

describe("a YAML user without Node.js: the plugin installed from the release archive with --file", function () {
  this.timeout(15 * 60 * 1000);
  let stack: NoNodeStack;
  const supportId = "@TOA#_newsroom_support";

  before(async () => {
    stack = await startNoNodeStack({
      label: "no-node-yaml",
      example: "yaml",
      configPrefix: "tencentchat:",
      importUsers: ["newsroom", "reader-1"],
      install: () => ({ front: [languageHostFolder("yaml")] }),
    });
  });
  after(async () => stack?.dispose());

  it("has no node and no npm on the user's PATH", () => {
    const lookup = nodeLookup(stack.env);
    expect(lookup.status, `command -v node found something:\n${lookup.output}`).to.not.equal(0);
    expect(lookup.output.trim()).to.equal("");
  });

  it("pulumi plugin install --file puts the archive's executable into the plugin cache", async () => {
    const archive = stack.release.pluginArchive(HOST_PLATFORM.os, HOST_PLATFORM.arch);
    const version = stack.release.version;
    await stack.pulumiOk(["plugin", "install", "resource", "tencentchat", version, "--file", archive]);
    const plugins = await stack.pulumiOk(["plugin", "ls"]);
    expect(plugins.stdout).to.match(new RegExp(`tencentchat\\s+resource\\s+${version.replace(/\./g, "\\.")}`));
    const installed = path.join(stack.pluginCache, `resource-tencentchat-v${version}`, "pulumi-resource-tencentchat");
    expect(existsSync(installed), installed).to.equal(true);
  });

  it("up creates the accounts and calls the three functions, with nothing downloaded", async () => {
    const up = await stack.pulumiOk(["up", "--yes"]);
    expect(up.output).not.to.include("pulumi-resource-tencentchat from $PATH");
    expect(stack.releaseServer.requests, "the plugin came from --file, not a download").to.deep.equal([]);
    const outputs = await stack.outputs();
    expect(outputs.dailyNewsId).to.match(/^@TOA#_dailyNews_[0-9a-f]{12}$/);
    expect(outputs.supportId).to.equal(supportId);
    expect(outputs.readerFollows).to.equal(0);
    expect(outputs.dailyNewsLiveName, "getOfficialAccount").to.equal("Daily News");
    expect(outputs.missingIds, "getOfficialAccounts lists the one that does not exist").to.deep.equal([
      "@TOA#_newsroom_closed",
    ]);
    expect(await stack.live(supportId)).to.include({ Name: "Newsroom Support", Owner_Account: "newsroom" });
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
  });

  it("refresh catches a change made behind Pulumi's back, preview shows it, up puts it back", async () => {
    await expectDriftCaughtAndRepaired(stack, {
      id: supportId,
      field: "name",
      wireField: "Name",
      declared: "Newsroom Support",
    });
  });

  it("destroy removes the accounts", async () => {
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect((await stack.emulator.state()).accounts).to.have.length(0);
  });

  it("the online route the docs give, plugin install --server with the schema's URL, downloads the release's archive", async () => {
    const version = stack.release.version;
    await stack.pulumiOk([
      "plugin",
      "install",
      "resource",
      "tencentchat",
      version,
      "--server",
      PLUGIN_DOWNLOAD_URL,
      "--reinstall",
    ]);
    const archive = `/pulumi-resource-tencentchat-v${version}-${HOST_PLATFORM.os}-${HOST_PLATFORM.arch}.tar.gz`;
    expect(stack.releaseServer.requests).to.deep.equal([{ path: archive, status: 200 }]);
    const plugins = await stack.pulumiOk(["plugin", "ls"]);
    expect(plugins.stdout).to.match(new RegExp(`tencentchat\\s+resource\\s+${version.replace(/\./g, "\\.")}`));
  });
});
