/**
 * The package's own name and version. A bundled executable (scripts/release)
 * has the version inlined at build time, as it has no package.json beside it;
 * otherwise it is read from package.json at run time (the compiled file sits
 * at dist/provider/, the source at provider/, an installed copy under
 * node_modules/pulumi-tencent-chat/dist/provider/). The REST client, both
 * front doors and the CLI read it from here.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The npm package name (also used by the native plugin to find its own files). */
export const PACKAGE_NAME = "pulumi-tencent-chat";

/** The oldest Node.js the provider runs on (as @pulumi/pulumi 3.259 declares). */
export const MIN_NODE_MAJOR = 22;

/** Replaced by the version string when scripts/release bundles the code (esbuild `define`); undeclared otherwise. */
declare const TENCENTCHAT_BUNDLED_VERSION: string | undefined;

let cachedVersion: string | undefined;

/** The version in this package's package.json (inlined in a bundle), or "unknown" when it cannot be found. */
export function packageVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  if (typeof TENCENTCHAT_BUNDLED_VERSION === "string") return (cachedVersion = TENCENTCHAT_BUNDLED_VERSION);
  cachedVersion = "unknown";
  for (let dir = __dirname, depth = 0; depth < 6; dir = dirname(dir), depth++) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === "string") {
        cachedVersion = manifest.version;
        break;
      }
    } catch {
      // No package.json at this level: keep walking up.
    }
    if (dirname(dir) === dir) break;
  }
  return cachedVersion;
}

/** The User-Agent every request carries, e.g. `pulumi-tencent-chat/0.1.0 node/22.23.3`. */
export function defaultUserAgent(): string {
  return `${PACKAGE_NAME}/${packageVersion()} node/${process.versions.node}`;
}
