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
import {
  expectNoNodeOnPath,
  itRunsTheExampleWithADownloadedPlugin,
  usesExampleStack,
} from "../support/no-node-lifecycle";
import { wheelOf } from "../support/release-artifacts";
import { languageHostFolder } from "../support/release-language-hosts";

describe("a Python user without Node.js: the wheel from pip, the plugin downloaded by the engine", function () {
  // A cold machine builds the Python language host and downloads `pulumi` from PyPI.
  this.timeout(20 * 60 * 1000);
  let venv: string;
  const stackOf = usesExampleStack("python", ({ release, sandboxDir, run }) => {
    venv = path.join(sandboxDir, "venv");
    run("python3", ["-m", "venv", venv]);
    run(path.join(venv, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", wheelOf(release)]);
    // The Python host finds `pulumi` in an activated virtualenv: VIRTUAL_ENV set, its bin first on PATH.
    return { front: [path.join(venv, "bin"), languageHostFolder("python")], env: { VIRTUAL_ENV: venv } };
  });

  it("has no node and no npm on the user's PATH, and the SDK is the wheel's", async () => {
    const stack = stackOf();
    expectNoNodeOnPath(stack);
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

  itRunsTheExampleWithADownloadedPlugin(stackOf, "@TOA#_python_weather");
});
