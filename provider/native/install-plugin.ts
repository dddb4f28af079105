/**
 * Installs the `tencentchat` resource plugin into Pulumi's plugin cache,
 * `$PULUMI_HOME/plugins/resource-tencentchat-v<version>/`, the layout the
 * engine's own installer leaves (a `.lock` file beside the folder, and a
 * `.partial` marker only while copying), so programs in any language
 * resolve the plugin with no network.
 *
 * Two kinds of plugin, the first one that can be had:
 * 1. the self-contained executable of the current platform (needs no Node),
 *    taken from its release archive: `--archive FILE`, or the package's
 *    `release/` folder (a checkout after `npm run release`; skipped when
 *    older than the compiled provider). The npm package does not ship the
 *    archives: each is about 35-40 MB, one per platform.
 * 2. a copy of this package's compiled provider and the modules it needs,
 *    with a launcher pinned to the Node.js running the installer, which must
 *    be 22 or newer: an older one is refused with the fix, never pinned.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { MIN_NODE_MAJOR, PACKAGE_NAME, packageVersion } from "../package-info";

export { MIN_NODE_MAJOR };

/** The plugin's name: the engine's `tencentchat` resource plugin. */
const PLUGIN_NAME = "tencentchat";
/** The executable the engine looks for in the plugin's folder. */
const PLUGIN_EXECUTABLE = `pulumi-resource-${PLUGIN_NAME}`;

/** The engine's names for this machine's OS and architecture, as in release archive names. */
const ENGINE_OS: Partial<Record<NodeJS.Platform, string>> = { linux: "linux", darwin: "darwin", win32: "windows" };
const ENGINE_ARCH: Partial<Record<string, string>> = { x64: "amd64", arm64: "arm64" };

/** The release archive of the plugin for this machine, e.g. `pulumi-resource-tencentchat-v0.1.0-linux-amd64.tar.gz`. */
export function hostPluginArchiveName(version: string): string | undefined {
  const os = ENGINE_OS[process.platform];
  const arch = ENGINE_ARCH[process.arch];
  return os && arch ? `${PLUGIN_EXECUTABLE}-v${version}-${os}-${arch}.tar.gz` : undefined;
}

/** Thrown when no plugin can be installed; the message says why and what to run instead. */
export class InstallPluginError extends Error {}

/** Modules the plugin needs from @pulumi/pulumi: only its gRPC stubs (not the whole SDK and its dependencies). */
const PULUMI_SDK = "@pulumi/pulumi";
const PULUMI_SDK_PARTS = ["package.json", "proto"];
const PULUMI_SDK_RUNTIME_DEPENDENCIES = ["@grpc/grpc-js", "google-protobuf"];

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
}

/** This package's root: the folder holding its package.json (dist/provider/native is three levels down). */
function packageRoot(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && readManifest(dir).name === PACKAGE_NAME) return dir;
  }
  throw new Error(`cannot find the ${PACKAGE_NAME} package root above ${__dirname}`);
}

/** Where Node would find `name` for code in `fromDir` (node_modules folders up the tree). */
function findPackage(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) throw new Error(`cannot find the module ${name} (needed by ${fromDir})`);
  }
}

/** Copies the run-time dependency closure of `rootDir` into `target/node_modules`, flat where versions agree. */
function copyDependencies(rootDir: string, target: string): void {
  const copied = new Map<string, string>(); // name -> version placed at the top level
  const queue: { name: string; fromDir: string; into: string }[] = Object.keys(
    readManifest(rootDir).dependencies ?? {},
  ).map((name) => ({ name, fromDir: rootDir, into: target }));
  queue.push({ name: PULUMI_SDK, fromDir: rootDir, into: target });
  while (queue.length > 0) {
    const { name, fromDir, into } = queue.shift()!;
    const source = findPackage(name, fromDir);
    const manifest = readManifest(source);
    const placed = copied.get(name);
    if (placed === manifest.version) continue;
    // A second version of a module goes under the module that needs it, as npm would nest it.
    const destination = placed === undefined ? join(target, "node_modules", name) : join(into, "node_modules", name);
    if (name.startsWith("@types/")) continue; // type declarations only: nothing to run
    if (placed === undefined) copied.set(name, manifest.version);
    else if (existsSync(destination)) continue;
    if (name === PULUMI_SDK) {
      for (const part of PULUMI_SDK_PARTS) cpSync(join(source, part), join(destination, part), { recursive: true });
      for (const dependency of PULUMI_SDK_RUNTIME_DEPENDENCIES)
        queue.push({ name: dependency, fromDir: source, into: destination });
      continue;
    }
    cpSync(source, destination, {
      recursive: true,
      dereference: true,
      filter: (path) => !path.endsWith(".ts") || path.endsWith(".d.ts"),
    });
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      queue.push({ name: dependency, fromDir: source, into: destination });
    }
  }
}

function launcher(nodePath: string): string {
  return `#!/bin/sh
# ${PLUGIN_EXECUTABLE}, installed by \`${PACKAGE_NAME} install-plugin\`.
# Runs with the Node.js that installed it (22 or newer) when it is still there, else the first node on PATH
# (the plugin itself refuses a Node older than 22, naming it).
dir="$(cd "$(dirname "$0")" && pwd)"
node="${nodePath}"
[ -x "$node" ] || node="$(command -v node)"
exec "$node" "$dir/package/dist/provider/native/main.js" "$@"
`;
}

/** What an install put in the plugin cache. */
interface InstalledPlugin {
  /** The plugin's version (the package's). */
  readonly version: string;
  /** The plugin's folder in the cache. */
  readonly dir: string;
  /** `executable`: the self-contained one from a release archive; `node`: the launcher on the Node that installed it. */
  readonly kind: "executable" | "node";
  /** The archive the executable came from (kind `executable`), or the Node the launcher runs (kind `node`). */
  readonly from: string;
}

/** Where to install from and to; every member has a default. */
interface InstallPluginOptions {
  /** Where the plugin cache is: `$PULUMI_HOME`, else `~/.pulumi`. */
  pulumiHome?: string;
  /** A release archive of the plugin to install (any platform's name is accepted; it must suit this machine). */
  archive?: string;
  /** Where to look for this platform's archive; default the package's `release/` folder. */
  releaseDir?: string;
  /** The Node the launcher runs (kind `node`); default the one running this code. */
  nodePath?: string;
  /** That Node's version; default this process's. */
  nodeVersion?: string;
}

/** The archive to install: the one given, else this platform's in the release folder, if there. */
function findArchive(version: string, options: InstallPluginOptions, root: string): string | undefined {
  if (options.archive !== undefined) {
    const archive = resolve(options.archive);
    if (!existsSync(archive)) throw new InstallPluginError(`--archive ${archive}: no such file`);
    return archive;
  }
  const name = hostPluginArchiveName(version);
  if (name === undefined) return undefined;
  const candidate = join(resolve(options.releaseDir ?? join(root, "release")), name);
  if (!existsSync(candidate)) return undefined;
  // In a checkout, an archive built before the last compile holds older code than the package: not that one.
  const compiled = newestModification(["dist/chat-api", "dist/provider"].map((part) => join(root, part)));
  if (compiled > statSync(candidate).mtimeMs) {
    process.stderr.write(
      `install-plugin: ${candidate} is older than the compiled provider, so it is not installed ` +
        `(run \`npm run release\` to rebuild it)\n`,
    );
    return undefined;
  }
  return candidate;
}

/** The latest modification time of any file under `dirs` (0 when there are none). */
function newestModification(dirs: string[]): number {
  let newest = 0;
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function refuseOldNode(version: string, nodePath: string, nodeVersion: string): never {
  const archive = hostPluginArchiveName(version) ?? `${PLUGIN_EXECUTABLE}-v${version}-<os>-<arch>.tar.gz`;
  throw new InstallPluginError(
    `install-plugin: the tencentchat plugin needs Node.js ${MIN_NODE_MAJOR} or newer, and this is Node ${nodeVersion} ` +
      `(${nodePath}); no self-contained plugin for this machine was found, so nothing was installed.\n` +
      `Fix, either:\n` +
      `  - install the self-contained plugin, which needs no Node: download ${archive} from the release, then\n` +
      `      pulumi plugin install resource ${PLUGIN_NAME} ${version} --file ${archive}\n` +
      `    (or: npx pulumi-tencent-chat install-plugin --archive ${archive})\n` +
      `  - or run the installer on Node ${MIN_NODE_MAJOR}, which the plugin will then use:\n` +
      `      npx --package node@${MIN_NODE_MAJOR} -- node node_modules/.bin/pulumi-tencent-chat install-plugin`,
  );
}

/** Moves a finished staging folder into the cache with the engine's `.lock` / `.partial` markers. */
function placeIntoCache(dir: string, fill: (staging: string) => void): void {
  mkdirSync(dirname(dir), { recursive: true });
  writeFileSync(`${dir}.lock`, "");
  // The engine skips a plugin while its .partial marker exists.
  writeFileSync(`${dir}.partial`, "");
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(staging, { recursive: true });
    fill(staging);
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  rmSync(`${dir}.partial`, { force: true });
}

/** Installs (or replaces) this version of the plugin in `pulumiHome`'s plugin cache. */
export function installPlugin(options: InstallPluginOptions = {}): InstalledPlugin {
  const pulumiHome = resolve(options.pulumiHome ?? process.env.PULUMI_HOME ?? join(homedir(), ".pulumi"));
  const version = packageVersion();
  const dir = join(pulumiHome, "plugins", `resource-${PLUGIN_NAME}-v${version}`);
  const root = packageRoot();

  const archive = findArchive(version, options, root);
  if (archive !== undefined) {
    placeIntoCache(dir, (staging) => {
      // The archive holds the executable at its root, as the engine's own download would unpack it.
      execFileSync("tar", ["-xzf", archive, "-C", staging], { stdio: ["ignore", "ignore", "pipe"] });
      const executable = [PLUGIN_EXECUTABLE, `${PLUGIN_EXECUTABLE}.exe`].find((name) =>
        existsSync(join(staging, name)),
      );
      if (executable === undefined) {
        throw new InstallPluginError(
          `${archive} holds no ${PLUGIN_EXECUTABLE} at its root: is it a plugin release archive?`,
        );
      }
    });
    return { version, dir, kind: "executable", from: archive };
  }

  const nodePath = options.nodePath ?? process.execPath;
  const nodeVersion = options.nodeVersion ?? process.version;
  if (Number(nodeVersion.replace(/^v/, "").split(".")[0]) < MIN_NODE_MAJOR)
    refuseOldNode(version, nodePath, nodeVersion);
  placeIntoCache(dir, (staging) => {
    const packageDir = join(staging, "package");
    cpSync(join(root, "package.json"), join(packageDir, "package.json"));
    for (const part of ["dist/chat-api", "dist/provider"]) {
      cpSync(join(root, part), join(packageDir, part), { recursive: true });
    }
    copyDependencies(root, packageDir);
    writeFileSync(join(staging, PLUGIN_EXECUTABLE), launcher(nodePath));
    chmodSync(join(staging, PLUGIN_EXECUTABLE), 0o755);
  });
  return { version, dir, kind: "node", from: nodePath };
}
