/**
 * A Python user with no Node.js: a fresh virtualenv, `pip install` of the
 * release's wheel (its dependency `pulumi` from PyPI), examples/python as the
 * program, and no tencentchat plugin installed. The engine downloads the
 * plugin by itself from the SDK's pluginDownloadURL, redirected by
 * PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES to the release folder served on
 * 127.0.0.1; the Chat API is the release's self-contained emulator. Then up,
 * refresh catching drift, preview --expect-no-changes, destroy.
 */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { nodeLookup } from "../support/no-node-environment";
import { expectDriftCaughtAndRepaired } from "../support/no-node-lifecycle";
import { startNoNodeStack, type NoNodeStack } from "../support/no-node-stack";
import { HOST_PLATFORM, wheelOf } from "../support/release-artifacts";
import { languageHostFolder } from "../support/release-language-hosts";

describe("a Python user without Node.js: the wheel from pip, the plugin downloaded by the engine", function () {
  // A cold machine builds the Python language host and downloads `pulumi` from PyPI.
  this.timeout(20 * 60 * 1000);
  let stack: NoNodeStack;
  let newsId: string;
  let venv: string;
  const weatherId = "@TOA#_python_weather";

  before(async () => {
    stack = await startNoNodeStack({
      label: "no-node-python",
      example: "python",
      configPrefix: "",
      importAccounts: ["newsroom"],
      install: ({ release, sandboxDir, run }) => {
        venv = path.join(sandboxDir, "venv");
        run("python3", ["-m", "venv", venv]);
        run(path.join(venv, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", wheelOf(release)]);
        // The Python host finds `pulumi` in an activated virtualenv: VIRTUAL_ENV set, its bin first on PATH.
        return { front: [path.join(venv, "bin"), languageHostFolder("python")], env: { VIRTUAL_ENV: venv } };
      },
    });
  });
  after(async () => stack?.dispose());

  it("has no node and no npm on the user's PATH, and the SDK is the wheel's", async () => {
    const lookup = nodeLookup(stack.env);
    expect(lookup.status, `command -v node found something:\n${lookup.output}`).to.not.equal(0);
    expect(lookup.output.trim()).to.equal("");
    const imported = execFileSync(
      "python3",
      [
        "-c",
        "import pulumi_tencentchat, importlib.metadata as m; print(pulumi_tencentchat.__file__, m.version('pulumi_tencentchat'))",
      ],
      { env: stack.env, encoding: "utf8" },
    );
    expect(imported).to.include(path.join(venv, "lib")).and.to.include(` ${stack.release.version}`);
    const cached = existsSync(stack.pluginCache) ? readdirSync(stack.pluginCache) : [];
    expect(cached, "no plugin installed beforehand").to.not.include(`resource-tencentchat-v${stack.release.version}`);
  });

  it("up downloads the plugin through the engine and creates the accounts; the functions read them", async () => {
    const up = await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(up.output).to.match(/pulumi:providers:tencentchat +app +created/);
    const archive = `/pulumi-resource-tencentchat-v${stack.release.version}-${HOST_PLATFORM.os}-${HOST_PLATFORM.arch}.tar.gz`;
    expect(stack.releaseServer.requests, "the engine fetched the archive from the release server").to.deep.include({
      path: archive,
      status: 200,
    });
    const plugins = await stack.pulumiOk(["plugin", "ls"]);
    expect(plugins.stdout).to.match(
      new RegExp(`tencentchat\\s+resource\\s+${stack.release.version.replace(/\./g, "\\.")}`),
    );
    const installed = path.join(stack.pluginCache, `resource-tencentchat-v${stack.release.version}`);
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
    await expectDriftCaughtAndRepaired(stack, {
      id: newsId,
      field: "introduction",
      wireField: "Introduction",
      declared: "The morning briefing",
    });
  });

  it("destroy removes the accounts", async () => {
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect((await stack.emulator.state()).accounts).to.have.length(0);
  });
});
