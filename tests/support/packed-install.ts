/**
 * Installs this package the way a user gets it: `npm pack` of the built
 * package, then `npm install` of that tarball and @pulumi/pulumi into a
 * program folder, from the npm cache the repo's `npm ci` filled (no network
 * needed). Nothing else is installed unless asked: by default no `typescript`.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../../scripts/pulumi-runner";

const run = promisify(execFile);

/** The version of a package the repo tests with (so the npm cache already holds it). */
export function repoVersionOf(packageName: string): string {
  const file = path.join(REPO_ROOT, "node_modules", ...packageName.split("/"), "package.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

let packed: Promise<string> | undefined;

/**
 * Packs dist/ (already built: the tests run from it) once per test process, into a folder removed at exit;
 * returns the tarball's path.
 */
function packedPackage(): Promise<string> {
  packed ??= (async () => {
    const destination = mkdtempSync(path.join(tmpdir(), "tencentchat-pack-"));
    process.once("exit", () => rmSync(destination, { recursive: true, force: true }));
    const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", destination], {
      cwd: REPO_ROOT,
    });
    const lines = stdout.trim().split("\n");
    return path.join(destination, lines[lines.length - 1].trim());
  })();
  return packed;
}

/**
 * `npm install` of the packed package and @pulumi/pulumi into `programDir`,
 * plus any `extraPackages` (exact specs), offline when the cache has them.
 */
export async function installPacked(programDir: string, extraPackages: string[] = []): Promise<void> {
  const tarball = await packedPackage();
  await run(
    "npm",
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      tarball,
      `@pulumi/pulumi@${repoVersionOf("@pulumi/pulumi")}`,
      ...extraPackages,
    ],
    { cwd: programDir, maxBuffer: 16 * 1024 * 1024 },
  );
}

/** Whether `node` started in `dir` can resolve `moduleName`. */
export async function resolvableFrom(dir: string, moduleName: string): Promise<boolean> {
  try {
    await run(process.execPath, ["-e", `require.resolve(${JSON.stringify(moduleName)})`], { cwd: dir });
    return true;
  } catch {
    return false;
  }
}
