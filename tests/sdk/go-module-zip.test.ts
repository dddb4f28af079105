/**
 * The Go SDK is the module rooted at sdk/ (sdk/go.mod), released under the tags
 * `sdk/vX.Y.Z`. The release carries it in GOPROXY layout
 * (scripts/release/packages-go-module.py); a user may instead get it from the
 * tag itself (GOPROXY=direct, or a public proxy that fetched the tag). Both must
 * be the same module to Go, or go.sum made from one refuses the other: the go
 * command fetches a repository tagged `sdk/v<version>` holding this sdk/ (by
 * git, from a local copy standing in for the project's repository), and its
 * checksums must equal those of the release's zip and go.mod.
 */
import { expect } from "chai";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { LANGUAGE_NAMES } from "../../provider/native/schema";
import { REPO_ROOT } from "../../scripts/pulumi-runner";
import { runCommand } from "../support/run-command";

interface Downloaded {
  Version: string;
  Sum: string;
  GoModSum: string;
  Dir: string;
  Origin?: { Subdir?: string; Ref?: string };
}

describe("the Go SDK module: the release's GOPROXY copy is the go command's own fetch of the tag sdk/v<version>", function () {
  this.timeout(5 * 60 * 1000);
  const version = `v${(JSON.parse(readFileSync(path.join(REPO_ROOT, "schema.json"), "utf8")) as { version: string }).version}`;
  const module = LANGUAGE_NAMES.goModule;
  const repositoryUrl = `https://${path.posix.dirname(module)}`;
  let scratch: string;
  let fromTag: Downloaded;
  let fromRelease: Downloaded;

  /** `go mod download -json module@version` in a module cache of its own, with the given GOPROXY. */
  function download(label: string, goproxy: string, extraEnv: NodeJS.ProcessEnv = {}): Downloaded {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GOPROXY: goproxy,
      GOMODCACHE: path.join(scratch, `modcache-${label}`),
      GOFLAGS: "-modcacherw",
      GOSUMDB: "off",
      GONOSUMDB: module,
      GOTOOLCHAIN: "local",
      ...extraEnv,
    };
    return JSON.parse(runCommand("go", ["mod", "download", "-json", `${module}@${version}`], scratch, env)) as Downloaded;
  }

  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), "tencentchat-go-module-"));

    // The project's repository as a release commit holds it: sdk/ as git sees it in this checkout (tracked
    // files and new ones not ignored), and the root LICENSE the go command adds to a module in a subfolder.
    const repository = path.join(scratch, "repository");
    const listed = runCommand("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "sdk"], REPO_ROOT)
      .split("\0")
      .filter((file) => file && existsSync(path.join(REPO_ROOT, file)));
    for (const file of [...listed, ...(existsSync(path.join(REPO_ROOT, "LICENSE")) ? ["LICENSE"] : [])]) {
      mkdirSync(path.dirname(path.join(repository, file)), { recursive: true });
      copyFileSync(path.join(REPO_ROOT, file), path.join(repository, file));
    }
    const gitEnv: NodeJS.ProcessEnv = {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: path.join(scratch, "gitconfig"),
    };
    // The project's repository URL, as the go command derives it from the module path, leads to that copy.
    writeFileSync(gitEnv.GIT_CONFIG_GLOBAL!, `[url "${repository}"]\n\tinsteadOf = ${repositoryUrl}\n`);
    const git = (...args: string[]) => runCommand("git", ["-c", "user.name=test", "-c", "user.email=test@example.invalid", ...args], repository, gitEnv);
    git("init", "--quiet");
    git("add", "--force", "--all");
    git("commit", "--quiet", "-m", "release");
    git("tag", `sdk/${version}`);
    fromTag = download("tag", "direct", gitEnv);

    // The release's copy, written as scripts/release/packages.sh writes it.
    const proxy = path.join(scratch, "proxy");
    runCommand("python3", [
      path.join(REPO_ROOT, "scripts", "release", "packages-go-module.py"),
      path.join(REPO_ROOT, "sdk"),
      module,
      version,
      path.join(proxy, ...module.split("/"), "@v"),
    ], REPO_ROOT);
    fromRelease = download("release", `file://${proxy}`);
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("the go command finds the module under the tag sdk/<version>, in the repository's sdk/ folder", () => {
    expect(fromTag.Version).to.equal(version);
    expect(fromTag.Origin?.Subdir).to.equal("sdk");
    expect(fromTag.Origin?.Ref).to.equal(`refs/tags/sdk/${version}`);
    expect(existsSync(path.join(fromTag.Dir, "go", "tencentchat", "pulumi-plugin.json"))).to.equal(true);
  });

  it("the release's zip and go.mod have the checksums the tag's have (go.sum made from either accepts both)", () => {
    expect(fromRelease.Version).to.equal(version);
    expect(fromRelease.Sum, "the module zip's h1: checksum").to.equal(fromTag.Sum);
    expect(fromRelease.GoModSum, "the go.mod's h1: checksum").to.equal(fromTag.GoModSum);
  });

  it("the package the SDK's import path names is in the module, beside the Python and .NET SDKs", () => {
    const packageDir = path.posix.relative(module, LANGUAGE_NAMES.goImportBasePath);
    expect(existsSync(path.join(fromRelease.Dir, ...packageDir.split("/"), "doc.go"))).to.equal(true);
    // Included as Pulumi's own providers' Go modules include them: the go command's zip of the tag has them.
    expect(existsSync(path.join(fromRelease.Dir, "python", "pyproject.toml"))).to.equal(true);
    expect(existsSync(path.join(fromRelease.Dir, "dotnet", "pulumi-plugin.json"))).to.equal(true);
  });
});
