/**
 * The options every resource and invoke of `pulumi-tencent-chat/native` carries, as generated SDKs set them.
 */
import { packageVersion } from "../package-info";
import { PLUGIN_DOWNLOAD_URL } from "./schema";

/**
 * Options with this package's version and the plugin's download location, as generated SDKs set them:
 * the engine loads the matching plugin from the plugin cache (`install-plugin`), or downloads that
 * version's self-contained executable from the project's releases when none is installed.
 */
export function versioned<T extends { version?: string; pluginDownloadURL?: string }>(opts: T | undefined): T {
  return {
    ...opts,
    version: opts?.version ?? packageVersion(),
    pluginDownloadURL: opts?.pluginDownloadURL ?? PLUGIN_DOWNLOAD_URL,
  } as T;
}
