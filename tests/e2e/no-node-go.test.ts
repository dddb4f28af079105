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
import { nodeLookup } from "../support/no-node-environment";
import { expectDriftCaughtAndRepaired } from "../support/no-node-lifecycle";
import { startNoNodeStack, type NoNodeStack } from "../support/no-node-stack";
import { goProxyOf, HOST_PLATFORM } from "../support/release-artifacts";
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
  let stack: NoNodeStack;
  let newsId: string;
  let moduleCache: string;

  before(async () => {
    stack = await startNoNodeStack({
      label: "no-node-go",
      example: "go",
      configPrefix: "",
      importAccounts: ["newsroom"],
      install: ({ release, sandboxDir, run }) => {
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
      },
    });
  });
  after(async () => stack?.dispose());

  it("has no node and no npm on the user's PATH, and the SDK module is the release's", () => {
    const lookup = nodeLookup(stack.env);
    expect(lookup.status, `command -v node found something:\n${lookup.output}`).to.not.equal(0);
    expect(lookup.output.trim()).to.equal("");

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

  it("up downloads the plugin through the engine and creates the accounts; the functions read them", async () => {
    const up = await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(up.output).to.match(/pulumi:providers:tencentchat +app +created/);
    const archive = `/pulumi-resource-tencentchat-v${stack.release.version}-${HOST_PLATFORM.os}-${HOST_PLATFORM.arch}.tar.gz`;
    expect(stack.releaseServer.requests, "the engine fetched the archive from the release server").to.deep.include({
      path: archive,
      status: 200,
    });
    const installed = path.join(stack.pluginCache, `resource-tencentchat-v${stack.release.version}`);
    expect(existsSync(path.join(installed, "pulumi-resource-tencentchat")), `${installed} holds the plugin`).to.equal(
      true,
    );
    const outputs = await stack.outputs();
    newsId = outputs.newsId as string;
    expect(newsId).to.match(/^@TOA#_news_/);
    expect(outputs.weatherId).to.equal("@TOA#_go_weather");
    expect(outputs.newsLiveName).to.equal("Daily News");
    expect(outputs.foundCount, "getOfficialAccounts found both").to.equal(2);
    expect(outputs.ownerFollows, "getSubscribedOfficialAccounts").to.equal(0);
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
