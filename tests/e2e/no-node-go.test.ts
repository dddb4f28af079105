/**
 * A Go user with no Node.js: examples/go taken out of the repo, its replace
 * directive dropped, and the SDK module fetched by `go get <module>@v<version>`
 * from the release (its go/ folder is a GOPROXY), then `go build`; no plugin
 * installed: the engine downloads it from the SDK's pluginDownloadURL,
 * redirected to the release folder on 127.0.0.1. The Chat API is the
 * release's self-contained emulator. Then up, refresh catching drift,
 * preview --expect-no-changes, destroy.
 */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";
import { LANGUAGE_NAMES } from "../../provider/native/schema";
import {
  expectNoNodeOnPath,
  itRunsTheExampleWithADownloadedPlugin,
  usesExampleStack,
} from "../support/no-node-lifecycle";
import { goProxyOf } from "../support/release-artifacts";
import { languageHostFolder } from "../support/release-language-hosts";

/** The SDK's module path (its go.mod is sdk/go.mod; release tags sdk/vX.Y.Z). */
const SDK_MODULE = LANGUAGE_NAMES.goModule;
/** Where the package sits inside the module: go/tencentchat. */
const PACKAGE_IN_MODULE = path.posix.relative(SDK_MODULE, LANGUAGE_NAMES.goImportBasePath);
/** The project's cache folder, as scripts/ensure-*.sh name it. */
const CACHE_ROOT =
  process.env.PULUMI_TENCENT_CHAT_CACHE ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), ".cache"), "pulumi-tencent-chat");

function goEnv(name: string): string {
  return execFileSync("go", ["env", name], { encoding: "utf8" }).trim();
}

describe("a Go user without Node.js: the SDK module from the release's GOPROXY, the plugin downloaded", function () {
  // A cold machine builds the Go language host, and the program compiles the Pulumi Go SDK.
  this.timeout(20 * 60 * 1000);
  let moduleCache: string;

  const stackOf = usesExampleStack("go", ({ release, sandboxDir, run }) => {
    // The Go toolchain's own folder: a Go user has it on PATH.
    const goBin = path.dirname(execFileSync("which", ["go"], { encoding: "utf8" }).trim());
    // A module cache of the user's own, kept across runs (extracting the Pulumi SDK's dependencies takes
    // minutes), with this project's module removed first so a rebuilt release is never served stale.
    moduleCache = path.join(CACHE_ROOT, "no-node-go-modules");
    for (const stale of [
      path.join(moduleCache, ...SDK_MODULE.split("/").slice(0, 2)),
      path.join(moduleCache, "cache", "download", ...SDK_MODULE.split("/").slice(0, 2)),
    ]) {
      rmSync(stale, { recursive: true, force: true });
    }
    const env: NodeJS.ProcessEnv = {
      // The release first; then this machine's module downloads (a proxy in the same layout) and its proxy.
      GOPROXY: [
        `file://${goProxyOf(release)}`,
        `file://${path.join(goEnv("GOMODCACHE"), "cache", "download")}`,
        goEnv("GOPROXY"),
      ].join(","),
      GOMODCACHE: moduleCache,
      GOFLAGS: "-modcacherw",
      // Not published yet, so not in the checksum database: go.sum records what the release holds.
      GONOSUMDB: SDK_MODULE,
      GOTOOLCHAIN: "local",
      GOCACHE: goEnv("GOCACHE"),
    };
    // What a user outside this repository does: no replace directive, the released version required.
    const released = `${SDK_MODULE}@v${release.version}`;
    run("go", ["mod", "edit", `-dropreplace=${SDK_MODULE}`, `-require=${released}`], { env, front: [goBin] });
    run("go", ["get", released], { env, front: [goBin] });
    run("go", ["build", "-o", path.join(sandboxDir, "program-binary"), "."], { env, front: [goBin] });
    return { front: [goBin, languageHostFolder("go")], env };
  });

  it("has no node and no npm on the user's PATH, and the SDK module is the release's", () => {
    const stack = stackOf();
    expectNoNodeOnPath(stack);

    const goMod = readFileSync(path.join(stack.programDir, "go.mod"), "utf8");
    expect(goMod, "no replace directive left").to.not.match(/^replace /m);
    expect(goMod).to.include(`${SDK_MODULE} v${stack.release.version}`);
    const listed = JSON.parse(
      execFileSync("go", ["list", "-m", "-json", SDK_MODULE], {
        cwd: stack.programDir,
        env: stack.env,
        encoding: "utf8",
      }),
    ) as { Version: string; Dir: string };
    expect(listed.Version).to.equal(`v${stack.release.version}`);
    expect(listed.Dir.startsWith(moduleCache), `${listed.Dir} is the module fetched from the release`).to.equal(true);
    expect(existsSync(path.join(listed.Dir, ...PACKAGE_IN_MODULE.split("/"), "pulumi-plugin.json"))).to.equal(true);
  });

  itRunsTheExampleWithADownloadedPlugin(stackOf, "@TOA#_go_weather");
});
