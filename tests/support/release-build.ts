/**
 * The release, built for tests by the command users run (`scripts/release.sh`,
 * as `npm run release` does), once per test run.
 *
 * ```ts
 * const release = await ensureRelease(["linux-amd64"]); // in a before() hook with a long timeout (minutes cold)
 * release.pluginArchive("linux", "amd64"); // <repo>/release/pulumi-resource-tencentchat-v0.1.0-linux-amd64.tar.gz
 * release.file("SHA256SUMS");
 * ```
 *
 * `ensureRelease(platforms)` builds the given platforms (names from
 * scripts/release/platforms.ts, e.g. `linux-arm64`) into the repository's
 * `release/` folder (or `$RELEASE_DIR`), including whatever
 * `scripts/release/packages.sh` adds (wheel, sdist, npm tarball, ...). A later
 * call that asks only for platforms already built returns at once; one that
 * asks for more runs the build again, which rebuilds only what is missing or
 * changed. The set-up of `npm test` has compiled the code, so the build
 * skips `tsc` (`--no-compile`). The shape of this module is stable: other
 * suites import it.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/pulumi-runner";
import { withFileLock } from "./file-lock";
import {
  archiveName,
  executableName,
  RELEASE_PROGRAMS,
  releasePlatform,
  selectedPlatforms,
  type ReleasePlatform,
  type ReleaseProgramName,
} from "../../scripts/release/platforms";

/** A release folder with the archives of at least the platforms asked for. */
export interface ReleaseBuild {
  /** The release folder (absolute). */
  readonly dir: string;
  /** The package version every artefact carries. */
  readonly version: string;
  /** The plugin's archive for `os`/`arch` in the engine's naming (`linux`, `amd64`); throws if not built. */
  pluginArchive(os: string, arch: string): string;
  /** The emulator's archive for `os`/`arch`; throws if not built. */
  emulatorArchive(os: string, arch: string): string;
  /** Any other file of the release by name (e.g. `SHA256SUMS`); throws if missing. */
  file(name: string): string;
}

const RUN_MARKER = path.join(REPO_ROOT, ".state", "release-built-for-test-run");
const RELEASE_LOCK = path.join(REPO_ROOT, ".state", "release.lock");

function releaseDir(): string {
  return path.resolve(REPO_ROOT, process.env.RELEASE_DIR ?? "release");
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

/** Runs scripts/release.sh for `platforms`; its output is kept and shown only when it fails. */
function runRelease(platforms: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn("bash", [path.join(REPO_ROOT, "scripts", "release.sh"), "--no-compile"], {
      cwd: REPO_ROOT,
      env: { ...process.env, RELEASE_PLATFORMS: platforms.join(","), RELEASE_DIR: releaseDir() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) {
        reject(
          new Error(`scripts/release.sh (RELEASE_PLATFORMS=${platforms.join(",")}) exited with ${code}:\n${output}`),
        );
        return;
      }
      process.stderr.write(
        `      [release] ${platforms.join(",")} ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      resolve();
    });
  });
}

/** This test run (set by scripts/run-tests.sh for all its workers), or this process when run on its own. */
function testRunId(): string {
  return process.env.TENCENTCHAT_TEST_RUN ?? `pid-${process.pid}`;
}

/**
 * Which platforms this test run has built, shared by the run's processes (`npm test` runs suites in two
 * workers): a file under `.state/` naming the run, the release folder and its platforms (not in the release
 * folder: SHA256SUMS would list it). A release build rewrites the SDK packages, so it must not run again
 * while another worker installs them.
 */
function builtThisRun(): Set<string> {
  try {
    const [recordedRun, recordedDir, platforms] = readFileSync(RUN_MARKER, "utf8").split("\n");
    if (recordedRun === testRunId() && recordedDir === releaseDir())
      return new Set(platforms.split(",").filter(Boolean));
  } catch {
    // No marker: nothing built in this run yet.
  }
  return new Set();
}

function recordBuiltThisRun(platforms: Iterable<string>): void {
  writeFileSync(RUN_MARKER, `${testRunId()}\n${releaseDir()}\n${[...platforms].join(",")}\n`);
}

/**
 * Builds (once per run) the release archives of `platforms`, default linux-amd64, and with them those named
 * in `TENCENTCHAT_TEST_RELEASE_PLATFORMS` (`all` for the whole suite, so one build serves every worker).
 */
export async function ensureRelease(platforms: readonly string[] = ["linux-amd64"]): Promise<ReleaseBuild> {
  const wanted = platforms.map((name) => releasePlatform(name).name);
  const suiteWide = process.env.TENCENTCHAT_TEST_RELEASE_PLATFORMS;
  const alsoWanted = suiteWide ? selectedPlatforms(suiteWide === "all" ? "" : suiteWide).map((p) => p.name) : [];
  // One build at a time: two suites or two workers asking at once must not write the same files.
  await withFileLock(RELEASE_LOCK, async () => {
    const done = builtThisRun();
    if (wanted.every((name) => done.has(name))) return;
    const toBuild = new Set([...done, ...wanted, ...alsoWanted]);
    await runRelease([...toBuild]);
    recordBuiltThisRun(toBuild);
  });
  const dir = releaseDir();
  const version = packageVersion();
  const archive = (program: ReleaseProgramName) => (os: string, arch: string) => {
    const platform = releasePlatform(`${os}-${arch}`);
    const file = path.join(dir, archiveName(RELEASE_PROGRAMS[program], version, platform));
    if (!wanted.includes(platform.name) || !existsSync(file)) {
      throw new Error(`${path.basename(file)} was not built: ask ensureRelease for ${platform.name}`);
    }
    return file;
  };
  return {
    dir,
    version,
    pluginArchive: archive("plugin"),
    emulatorArchive: archive("emulator"),
    file(name) {
      const file = path.join(dir, name);
      if (!existsSync(file)) throw new Error(`release/${name} does not exist after the release build`);
      return file;
    },
  };
}

/** Unpacks an executable's archive into `intoDir` and returns the executable's path. */
export function unpackExecutable(
  archive: string,
  program: ReleaseProgramName,
  platform: ReleasePlatform,
  intoDir: string,
): string {
  mkdirSync(intoDir, { recursive: true });
  execFileSync("tar", ["-xzf", archive, "-C", intoDir]);
  return path.join(intoDir, executableName(RELEASE_PROGRAMS[program], platform));
}
