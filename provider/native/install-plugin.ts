/**
 * Installs the `tencentchat` resource plugin into Pulumi's plugin cache,
 * `$PULUMI_HOME/plugins/resource-tencentchat-v<version>/`, the layout the
 * engine's own installer leaves (a `.lock` file beside the folder, and a
 * `.partial` marker only while copying), so programs in any language
 * resolve the plugin with no network. The folder is self-contained: this
 * package's compiled provider, the modules it needs at run time, and a
 * launcher that runs them with the Node.js that ran the installer.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { PACKAGE_NAME, packageVersion } from "../chat/package-info";

export const PLUGIN_NAME = "tencentchat";
export const PLUGIN_EXECUTABLE = `pulumi-resource-${PLUGIN_NAME}`;

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
export function packageRoot(): string {
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
# Runs with the Node.js that installed it when it is still there, else the first node on PATH (22 or newer).
dir="$(cd "$(dirname "$0")" && pwd)"
node="${nodePath}"
[ -x "$node" ] || node="$(command -v node)"
exec "$node" "$dir/package/dist/provider/native/main.js" "$@"
`;
}

export interface InstalledPlugin {
  readonly version: string;
  readonly dir: string;
}

/** Installs (or replaces) this version of the plugin in `pulumiHome`'s plugin cache. */
export function installPlugin(options: { pulumiHome?: string; nodePath?: string } = {}): InstalledPlugin {
  const pulumiHome = resolve(options.pulumiHome ?? process.env.PULUMI_HOME ?? join(homedir(), ".pulumi"));
  const version = packageVersion();
  const dir = join(pulumiHome, "plugins", `resource-${PLUGIN_NAME}-v${version}`);
  const root = packageRoot();
  mkdirSync(dirname(dir), { recursive: true });
  writeFileSync(`${dir}.lock`, "");
  // The engine skips a plugin while its .partial marker exists.
  writeFileSync(`${dir}.partial`, "");
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const packageDir = join(staging, "package");
    cpSync(join(root, "package.json"), join(packageDir, "package.json"));
    for (const part of ["dist/chat-api", "dist/provider"]) {
      cpSync(join(root, part), join(packageDir, part), { recursive: true });
    }
    copyDependencies(root, packageDir);
    writeFileSync(join(staging, PLUGIN_EXECUTABLE), launcher(options.nodePath ?? process.execPath));
    chmodSync(join(staging, PLUGIN_EXECUTABLE), 0o755);
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  rmSync(`${dir}.partial`, { force: true });
  return { version, dir };
}
