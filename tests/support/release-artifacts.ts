/**
 * The release a user downloads, for the tests that install the way users do:
 * the plugin and emulator archives from `ensureRelease` (tests/support/release-build.ts,
 * the release build's own helper) and the SDK packages scripts/release/packages.sh
 * writes beside them (the wheel, the Go module in GOPROXY layout).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { LANGUAGE_NAMES } from "../../provider/native/schema";
import { REPO_ROOT } from "../../scripts/pulumi-runner";

/** The shape of tests/support/release-build.ts's `ensureRelease` result, as these tests use it. */
export interface ReleaseBuild {
  /** The release folder (archives, packages, SHA256SUMS). */
  readonly dir: string;
  /** The version every artifact carries (package.json's). */
  readonly version: string;
  /** The path of `pulumi-resource-tencentchat-v<version>-<os>-<arch>.tar.gz`. */
  pluginArchive(os: string, arch: string): string;
  /** The path of `tencentchat-emulator-v<version>-<os>-<arch>.tar.gz`. */
  emulatorArchive(os: string, arch: string): string;
}

interface ReleaseBuildModule {
  ensureRelease(platforms: string[]): Promise<ReleaseBuild>;
}

/** The platform these tests run on, in the engine's names. */
export const HOST_PLATFORM = { os: "linux", arch: process.arch === "arm64" ? "arm64" : "amd64" } as const;

let release: Promise<ReleaseBuild> | undefined;

/** The release for this machine's platform, built once per test run, with the SDK packages in it. */
export function hostRelease(): Promise<ReleaseBuild> {
  release ??= (async () => {
    // Resolved at run time: the release build's helper is a module of its own (tests/support/release-build.ts).
    const specifier = "./release-build";
    const { ensureRelease } = (await import(specifier)) as ReleaseBuildModule;
    const built = await ensureRelease([`${HOST_PLATFORM.os}-${HOST_PLATFORM.arch}`]);
    ensurePackages(built);
    return built;
  })();
  return release;
}

/** The wheel packages.sh built, by its standard file name. */
export function wheelOf(built: ReleaseBuild): string {
  return path.join(built.dir, `pulumi_tencentchat-${built.version}-py3-none-any.whl`);
}

/** The folder to use as a GOPROXY (file://) to `go get` the SDK module at the release's version. */
export function goProxyOf(built: ReleaseBuild): string {
  return path.join(built.dir, "go");
}

/**
 * scripts/release.sh runs packages.sh after the executables; when the release at hand has no wheel (a build
 * of the executables alone), run it here so the tests always install what a release holds.
 */
function ensurePackages(built: ReleaseBuild): void {
  // The module's own zip at this version (not any go/ folder: one from an older layout would be served stale).
  const goModuleZip = path.join(goProxyOf(built), ...LANGUAGE_NAMES.goModule.split("/"), "@v", `v${built.version}.zip`);
  if (existsSync(wheelOf(built)) && existsSync(goModuleZip)) return;
  execFileSync("bash", [path.join(REPO_ROOT, "scripts", "release", "packages.sh"), built.dir], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (!existsSync(wheelOf(built))) {
    throw new Error(`packages.sh left no wheel in ${built.dir}: ${readdirSync(built.dir).join(", ")}`);
  }
}
