/**
 * The language hosts a user of each language has (they ship with the Pulumi
 * CLI releases; scripts/ensure-language-host.sh builds and caches them here).
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/pulumi-runner";

const folders = new Map<string, string>();

/** The folder holding `pulumi-language-<language>`, built once when missing. */
export function languageHostFolder(language: "python" | "go" | "yaml"): string {
  let folder = folders.get(language);
  if (!folder) {
    const out = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "ensure-language-host.sh"), language], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    folder = out.trim().split("\n").pop()!;
    folders.set(language, folder);
  }
  return folder;
}
