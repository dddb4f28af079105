/**
 * Builds the self-contained executables of a release: each program of
 * RELEASE_PROGRAMS bundled by esbuild into one CommonJS script, made into a
 * Node single-executable application (SEA) on each platform's Node binary
 * (the npm registry's `node-<os>-<arch>` package at the project's pinned Node
 * version) with postject, and packed as the engine's
 * `<executable>-v<version>-<os>-<arch>.tar.gz` with the executable at its root.
 * The plugin starts from a code cache trained on this machine (see
 * CODE_CACHE_TRAINING): its bundle is an SEA asset run by sea-main.ts.
 *
 * usage: node dist/scripts/release/executables.js <release-dir>
 * (RELEASE_PLATFORMS=linux-amd64,linux-arm64 selects platforms; default all).
 *
 * Incremental: an archive is rebuilt only when a hash of its inputs (bundle,
 * SEA settings, Node package, recipe) differs from the one recorded when it
 * was built. Work files live in `.release-build/` (git-ignored), the Node
 * packages in the shared cache (`$PULUMI_TENCENT_CHAT_CACHE/node-binaries`).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { trainCodeCache } from "./code-cache";
import { CODE_CACHE_ASSET, PROGRAM_ASSET } from "./sea-main";
import {
  archiveName,
  executableName,
  hostPlatform,
  RELEASE_PROGRAMS,
  selectedPlatforms,
  type ReleasePlatform,
  type ReleaseProgram,
} from "./platforms";

/** The repository root (this file runs from dist/scripts/release/). */
const REPO_ROOT = resolve(__dirname, "..", "..", "..");
const WORK_DIR = join(REPO_ROOT, ".release-build");
const CACHE_DIR =
  process.env.PULUMI_TENCENT_CHAT_CACHE ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "pulumi-tencent-chat");

/** The fuse Node's SEA support looks for (Node's documentation, "Single executable applications"). */
export const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
/** Changed whenever the steps below change in a way the input hash cannot see, so every archive is rebuilt. */
const RECIPE = "sea-3";
/**
 * V8 flags baked into every executable (SEA `execArgv`): none. Any V8 flag
 * at start costs about 30 ms of start-up, as Node then rejects the code
 * cache of its own built-in modules (made under the default flags) and
 * compiles them from source: `--max-semi-space-size=4` took the plugin from
 * a median of 77 ms to 106 ms (measured here on 2026-11-30). The plugin sets
 * its memory-saving V8 flags at run time instead, once it serves
 * (provider/native/memory-settings.ts).
 */
export const SEA_EXEC_ARGV: readonly string[] = [];

/**
 * The programs that start from a trained code cache, with the arguments of
 * their training run (code-cache.ts: run up to the first line on stdout).
 * The engine waits for the plugin's port on every command, so the plugin
 * has one: a median of 68 to 73 ms from exec to port against 87 to 90 ms
 * with Node's own SEA code cache, which covers only the bundle's top level
 * (side by side at a load of 2, on 2026-11-30). The emulator starts once per session and keeps
 * Node's SEA code cache.
 */
export const CODE_CACHE_TRAINING: Partial<Record<keyof typeof RELEASE_PROGRAMS, readonly string[]>> = {
  // The engine's address: the plugin only connects to it with its first log message, after the port.
  plugin: ["127.0.0.1:1"],
};

/** The SEA main of the programs with a trained code cache (compiled from sea-main.ts). */
const SEA_MAIN = join(__dirname, "sea-main.js");

interface Manifest {
  version: string;
  devDependencies: Record<string, string>;
}

function manifest(): Manifest {
  return JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as Manifest;
}

/** The Node version every executable is built on: the `node` devDependency, pinned exactly. */
export function pinnedNodeVersion(): string {
  const pinned = manifest().devDependencies.node;
  if (!/^\d+\.\d+\.\d+$/.test(pinned ?? "")) {
    throw new Error(`package.json devDependencies.node must be an exact version (e.g. 22.23.3), found "${pinned}"`);
  }
  return pinned;
}

function sha256(...parts: (string | Buffer)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

function log(message: string): void {
  process.stderr.write(`[release] ${message}\n`);
}

/** Bundles a program and its dependencies into one CommonJS script; returns its text. */
async function bundle(program: ReleaseProgram, version: string): Promise<string> {
  // Loaded here so that importing this module (for its tables) needs no esbuild.
  const esbuild = await import("esbuild");
  const outfile = join(WORK_DIR, "bundles", `${program.executable}.js`);
  await esbuild.build({
    entryPoints: [join(REPO_ROOT, program.entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node22",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
    // An executable has no package.json beside it: the version is inlined (provider/package-info.ts).
    define: { TENCENTCHAT_BUNDLED_VERSION: JSON.stringify(version) },
    // tls-sig-api-v2's package.json has two "main" keys and esbuild takes the first, a file that does not exist.
    alias: { "tls-sig-api-v2": "tls-sig-api-v2/TLSSigAPIv2.js" },
    plugins: [
      {
        // The protocol stubs resolved through @pulumi/pulumi at run time become static requires it can follow.
        name: "static-protocol-stubs",
        setup(build) {
          build.onResolve({ filter: /^\.\/protocol-stubs$/ }, (args) => ({
            path: join(args.resolveDir, "protocol-stubs-static.js"),
          }));
        },
      },
    ],
  });
  return readFileSync(outfile, "utf8");
}

/** The platform's Node package tarball from the cache, fetched with `npm pack` on first use. */
function nodePackageTarball(platform: ReleasePlatform, nodeVersion: string): string {
  const dir = join(CACHE_DIR, "node-binaries");
  const tarball = join(dir, `${platform.nodePackage}-${nodeVersion}.tgz`);
  if (!existsSync(tarball)) {
    mkdirSync(dir, { recursive: true });
    log(`fetching ${platform.nodePackage}@${nodeVersion} (npm pack)`);
    execFileSync("npm", ["pack", `${platform.nodePackage}@${nodeVersion}`, "--pack-destination", dir, "--silent"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  return tarball;
}

/**
 * The platform's Node binary, ready for injection: taken from its package
 * and, for ELF, stripped of symbols (about 10 MB less, and a faster start).
 * Mach-O and PE binaries are left as they are: nothing here can run them to
 * prove a stripped copy still works.
 */
function nodeBinary(platform: ReleasePlatform, tarball: string): string {
  const dir = join(WORK_DIR, "node", platform.name);
  const binary = join(dir, `node${platform.executableSuffix}`);
  const stamp = `${binary}.from`;
  if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, "utf8") === tarball) return binary;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", dir, platform.nodeBinaryInPackage]);
  renameSync(join(dir, platform.nodeBinaryInPackage), binary);
  rmSync(join(dir, "package"), { recursive: true, force: true });
  const strip = platform.os === "linux" ? stripTool(platform) : undefined;
  if (strip) execFileSync(strip, ["--strip-all", binary]);
  writeFileSync(stamp, tarball);
  return binary;
}

/** A tool that runs (`--version` answers). */
function runs(tool: string): boolean {
  try {
    execFileSync(tool, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * What strips `platform`'s ELF binary: llvm-strip handles every architecture,
 * GNU strip only the host's. With neither, the binary stays as it is (larger,
 * and a little slower to start), and the build says so.
 */
function stripTool(platform: ReleasePlatform): string | undefined {
  const tool = ["llvm-strip", "llvm-strip-14", "llvm-strip-15", "llvm-strip-16"].find(runs);
  if (tool) return tool;
  if (platform === hostPlatform() && runs("strip")) return "strip";
  log(`not stripping ${platform.name}'s Node binary: install llvm-strip (Debian: apt-get install llvm) to strip it`);
  return undefined;
}

/** `rcodesign` (crate apple-codesign) when installed, for an ad-hoc signature of the macOS executables. */
function macSigner(): string | undefined {
  return [join(CACHE_DIR, "rcodesign", "bin", "rcodesign"), "rcodesign"].find(runs);
}

/**
 * The SEA configuration of one program on one platform: the bundle as the
 * main script, or, with `trainedCache`, sea-main.ts as the main script and
 * the bundle (and, on the host, its trained cache) as assets.
 */
function seaConfig(bundlePath: string, blobPath: string, platform: ReleasePlatform, trainedCache?: string) {
  // A code cache is V8's compiled form, valid only under the V8 that made it:
  // only the host's executables get one (the blob and the cache are made by this machine's Node).
  const onHost = platform === hostPlatform();
  return {
    main: trainedCache ? SEA_MAIN : bundlePath,
    output: blobPath,
    disableExperimentalSEAWarning: true,
    useCodeCache: onHost,
    execArgv: [...SEA_EXEC_ARGV],
    ...(trainedCache
      ? {
          assets: {
            [PROGRAM_ASSET]: bundlePath,
            ...(onHost ? { [CODE_CACHE_ASSET]: trainedCache } : {}),
          },
        }
      : {}),
  };
}

/** Writes `<dir>/<name>` into a gzip-compressed tar with fixed owner and time, so equal inputs give equal bytes. */
async function writeArchive(dir: string, name: string, archivePath: string): Promise<void> {
  const tarPath = `${archivePath}.tar-${process.pid}`;
  execFileSync("tar", [
    "--sort=name",
    "--owner=0",
    "--group=0",
    "--numeric-owner",
    "--mtime=@0",
    "-cf",
    tarPath,
    "-C",
    dir,
    name,
  ]);
  const partial = `${archivePath}.partial-${process.pid}`;
  await pipeline(createReadStream(tarPath), createGzip({ level: 6 }), createWriteStream(partial));
  rmSync(tarPath);
  renameSync(partial, archivePath);
}

/** The part of postject's API used here (it ships no type declarations). */
interface Postject {
  inject(
    file: string,
    resourceName: string,
    resource: Buffer,
    options: { sentinelFuse: string; machoSegmentName?: string; overwrite?: boolean },
  ): Promise<void>;
}

/** Archives of an earlier version left in the release folder would be checksummed and shipped with this one. */
function removeOtherVersions(releaseDir: string, version: string): void {
  for (const file of readdirSync(releaseDir)) {
    for (const program of Object.values(RELEASE_PROGRAMS)) {
      const match = new RegExp(`^${program.executable}-v(.+)-[a-z]+-[a-z0-9]+\\.tar\\.gz$`).exec(file);
      if (match && match[1] !== version) {
        log(`removing ${file} (not version ${version})`);
        rmSync(join(releaseDir, file));
      }
    }
  }
}

/** One archive built (or found up to date). */
export interface BuiltArchive {
  readonly path: string;
  readonly program: string;
  readonly platform: string;
  readonly rebuilt: boolean;
}

/** Builds the executables' archives for `platforms` into `releaseDir`, skipping those whose inputs are unchanged. */
export async function buildExecutables(
  releaseDir: string,
  platforms: readonly ReleasePlatform[],
): Promise<BuiltArchive[]> {
  const { version } = manifest();
  const nodeVersion = pinnedNodeVersion();
  if (process.versions.node !== nodeVersion) {
    // The SEA blob must be made by the Node it runs on (same V8 for the code cache, same blob format).
    throw new Error(
      `the release build must run on Node ${nodeVersion} (package.json devDependencies.node), not ${process.version}: ` +
        `run it through npm (npm run release), which puts node_modules/.bin/node first on PATH`,
    );
  }
  mkdirSync(releaseDir, { recursive: true });
  removeOtherVersions(releaseDir, version);
  const signer = macSigner();
  const built: BuiltArchive[] = [];
  for (const [programName, program] of Object.entries(RELEASE_PROGRAMS)) {
    const bundleText = await bundle(program, version);
    const bundlePath = join(WORK_DIR, "bundles", `${program.executable}.js`);
    const trainingArgs = CODE_CACHE_TRAINING[programName as keyof typeof RELEASE_PROGRAMS];
    const cachePath = trainingArgs ? join(WORK_DIR, "code-caches", `${program.executable}.code-cache`) : undefined;
    let trained = false;
    for (const platform of platforms) {
      const tarball = nodePackageTarball(platform, nodeVersion);
      const archivePath = join(releaseDir, archiveName(program, version, platform));
      const blobPath = join(WORK_DIR, "blobs", platform.name, `${program.executable}.blob`);
      const config = seaConfig(bundlePath, blobPath, platform, cachePath);
      const signs = platform.os === "darwin" && signer !== undefined;
      const inputs = sha256(
        RECIPE,
        bundleText,
        cachePath ? readFileSync(SEA_MAIN, "utf8") : "",
        JSON.stringify(config),
        tarball,
        String(statSync(tarball).size),
        String(signs),
      );
      const stampPath = join(WORK_DIR, "stamps", `${archiveName(program, version, platform)}.inputs`);
      if (existsSync(archivePath) && existsSync(stampPath) && readFileSync(stampPath, "utf8") === inputs) {
        // Still current: dated now, so install-plugin sees it is not older than the code just compiled.
        const now = new Date();
        utimesSync(archivePath, now, now);
        built.push({ path: archivePath, program: programName, platform: platform.name, rebuilt: false });
        continue;
      }
      log(`building ${archiveName(program, version, platform)}`);
      if (cachePath && trainingArgs && platform === hostPlatform() && !trained) {
        mkdirSync(dirname(cachePath), { recursive: true });
        trainCodeCache(bundlePath, cachePath, trainingArgs);
        trained = true;
      }
      const node = nodeBinary(platform, tarball);
      mkdirSync(dirname(blobPath), { recursive: true });
      const configPath = `${blobPath}.json`;
      writeFileSync(configPath, JSON.stringify(config, null, 2));
      // Made under the executable's own V8 flags: V8 rejects a code cache made under other flags.
      execFileSync(process.execPath, [...SEA_EXEC_ARGV, "--experimental-sea-config", configPath], {
        stdio: ["ignore", "ignore", "inherit"],
      });

      const stageDir = join(WORK_DIR, "stage", platform.name, program.executable);
      rmSync(stageDir, { recursive: true, force: true });
      mkdirSync(stageDir, { recursive: true });
      const executable = join(stageDir, executableName(program, platform));
      copyFileSync(node, executable);
      chmodSync(executable, 0o755);
      const { inject } = require("postject") as Postject;
      await inject(executable, "NODE_SEA_BLOB", readFileSync(blobPath), {
        sentinelFuse: SEA_FUSE,
        machoSegmentName: platform.os === "darwin" ? "NODE_SEA" : undefined,
        overwrite: true,
      });
      // postject invalidates the macOS signature; an ad-hoc one lets macOS run it (README says what to do without).
      if (signs) execFileSync(signer!, ["sign", executable], { stdio: ["ignore", "ignore", "inherit"] });

      await writeArchive(stageDir, executableName(program, platform), archivePath);
      rmSync(stageDir, { recursive: true, force: true });
      mkdirSync(dirname(stampPath), { recursive: true });
      writeFileSync(stampPath, inputs);
      built.push({ path: archivePath, program: programName, platform: platform.name, rebuilt: true });
    }
  }
  return built;
}

if (require.main === module) {
  const releaseDir = resolve(process.argv[2] ?? join(REPO_ROOT, "release"));
  const started = Date.now();
  Promise.resolve()
    .then(() => buildExecutables(releaseDir, selectedPlatforms(process.env.RELEASE_PLATFORMS)))
    .then(
      (built) => {
        const rebuilt = built.filter((archive) => archive.rebuilt).length;
        log(
          `${built.length} executable archives in ${releaseDir} (${rebuilt} rebuilt, ${built.length - rebuilt} up to date) ` +
            `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      },
      (error: unknown) => {
        process.stderr.write(`[release] ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      },
    );
}
