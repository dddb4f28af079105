/**
 * What the release suites that run an executable start from: the release
 * for one platform (built, or reused when current), its plugin unpacked
 * outside the repository, and an environment whose PATH is an empty folder,
 * so no `node` or `npm` can be found.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { ReleasePlatform } from "../../scripts/release/platforms";
import { ensureRelease, unpackExecutable, type ReleaseBuild } from "../support/release-build";

/** A release with its plugin unpacked into a scratch folder of its own. */
export interface UnpackedRelease {
  readonly release: ReleaseBuild;
  /** The scratch folder (under the system's temp folder); the caller removes it. */
  readonly scratch: string;
  /** The unpacked plugin executable. */
  readonly plugin: string;
  /** The whole environment for what runs here: PATH an empty folder, HOME the scratch folder. */
  readonly noNodeEnv: NodeJS.ProcessEnv;
}

/** Builds or reuses the release for `platform` and unpacks its plugin into `<tmp>/tencentchat-<label>-*`. */
export async function unpackReleasePlugin(platform: ReleasePlatform, label: string): Promise<UnpackedRelease> {
  const release = await ensureRelease([platform.name]);
  const scratch = mkdtempSync(path.join(tmpdir(), `tencentchat-${label}-`));
  const plugin = unpackExecutable(
    release.pluginArchive(platform.os, platform.arch),
    "plugin",
    platform,
    path.join(scratch, "plugin"),
  );
  const emptyBin = path.join(scratch, "empty-bin");
  mkdirSync(emptyBin);
  return { release, scratch, plugin, noNodeEnv: { PATH: emptyBin, HOME: scratch } };
}
