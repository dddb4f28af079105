/**
 * The release archives of every platform: named as the engine downloads them,
 * one executable at the archive's root (`.exe` on Windows), in the format that
 * platform runs, and listed in SHA256SUMS. Only the Linux executables are run
 * (here, and under qemu for arm64, in their own suites); the darwin and
 * windows ones are checked by layout and format and NOT run: this machine has
 * neither macOS nor Windows.
 */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { SEA_FUSE } from "../../scripts/release/executables";
import {
  archiveName,
  executableName,
  RELEASE_PLATFORMS,
  RELEASE_PROGRAMS,
  type ReleasePlatform,
} from "../../scripts/release/platforms";
import { ensureRelease, unpackExecutable, type ReleaseBuild } from "../support/release-build";
import { executableFormatOf } from "./executable-format";

/** Where each Linux executable is run; every other one is only checked here. */
const RUN_HERE: Record<string, string> = {
  "linux-amd64 plugin": "run with no node by tests/release/no-node.test.ts",
  "linux-amd64 emulator": "run with no node by tests/release/no-node.test.ts",
  "linux-arm64 plugin": "run under qemu by tests/release/linux-arm64-qemu.test.ts",
};

function whereRun(platform: ReleasePlatform, program: string): string {
  const elsewhere =
    platform.os === "linux"
      ? "only its plugin is run, under qemu"
      : `no ${platform.os === "darwin" ? "macOS" : "Windows"} machine`;
  return RUN_HERE[`${platform.name} ${program}`] ?? `NOT run here: ${elsewhere}`;
}

describe("release archives (every platform; darwin and windows are checked, not run)", function () {
  let release: ReleaseBuild;
  let scratch: string;

  before(async function () {
    this.timeout(1_200_000); // cold: four platforms' Node binaries bundled twice each
    release = await ensureRelease(RELEASE_PLATFORMS.map((platform) => platform.name));
    scratch = mkdtempSync(path.join(tmpdir(), "tencentchat-archives-"));
  });
  after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  for (const platform of RELEASE_PLATFORMS) {
    for (const [programName, program] of Object.entries(RELEASE_PROGRAMS) as [
      keyof typeof RELEASE_PROGRAMS,
      (typeof RELEASE_PROGRAMS)[keyof typeof RELEASE_PROGRAMS],
    ][]) {
      const executable = executableName(program, platform);
      it(`${platform.name}: ${program.executable} archive holds only ${executable} at its root, a ${platform.executableFormat} executable (${whereRun(platform, programName)})`, function () {
        this.timeout(300_000);
        const archive =
          programName === "plugin"
            ? release.pluginArchive(platform.os, platform.arch)
            : release.emulatorArchive(platform.os, platform.arch);
        expect(path.basename(archive)).to.equal(archiveName(program, release.version, platform));
        expect(path.basename(archive)).to.equal(
          `${program.executable}-v${release.version}-${platform.os}-${platform.arch}.tar.gz`,
        );
        const entries = execFileSync("tar", ["-tzf", archive], { encoding: "utf8" }).trim().split("\n");
        expect(entries, "archive entries").to.deep.equal([executable]);

        const dir = path.join(scratch, platform.name, program.executable);
        const file = unpackExecutable(archive, programName, platform, dir);
        try {
          expect(statSync(file).mode & 0o111, "executable bits").to.equal(0o111);
          expect(executableFormatOf(file), "format read from the headers").to.equal(platform.executableFormat);
          // postject flips the fuse to ":1" once the application is injected; a bare Node binary has ":0".
          expect(readFileSync(file).includes(`${SEA_FUSE}:1`), "SEA fuse flipped (application injected)").to.equal(
            true,
          );
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  }

  it("SHA256SUMS lists every archive, and each checksum matches", function () {
    this.timeout(300_000);
    const sums = readFileSync(release.file("SHA256SUMS"), "utf8");
    const listed = new Set(
      sums
        .trim()
        .split("\n")
        .map((line) => line.split(/\s+/)[1]),
    );
    for (const platform of RELEASE_PLATFORMS) {
      for (const program of Object.values(RELEASE_PROGRAMS)) {
        expect(
          listed.has(archiveName(program, release.version, platform)),
          archiveName(program, release.version, platform),
        ).to.equal(true);
      }
    }
    const check = execFileSync("sha256sum", ["--check", "--strict", "SHA256SUMS"], {
      cwd: release.dir,
      encoding: "utf8",
    });
    expect(check).not.to.match(/FAILED/);
  });
});
