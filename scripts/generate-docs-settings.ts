/**
 * The configuration tables of the README and docs/installation-configuration.md,
 * rendered from the settings table (provider/behaviour/settings.ts) between their
 * `settings-table` markers, so no page restates a setting by hand. Run by
 * `npm run generate`; tests/behaviour/settings-table.test.ts (and, for the docs page,
 * tests/native/schema.test.ts) fail when a page differs from a fresh rendering.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { CONFIG_NAMESPACE, SETTING_KEYS, settingSpec } from "../provider/behaviour/settings";
import { markdownTable, withGeneratedSection } from "./support/markdown";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** The installation and configuration page (the registry's). */
export const INSTALLATION_DOC_PATH = path.join(REPO_ROOT, "docs", "installation-configuration.md");
/** The README, whose "Configuration" section holds the same table. */
export const README_PATH = path.join(REPO_ROOT, "README.md");
/** Every page that carries the settings table. */
export const SETTINGS_TABLE_PAGES: readonly string[] = [README_PATH, INSTALLATION_DOC_PATH];
/** The line before a page's generated table. */
export const SETTINGS_START = "<!-- settings-table:start (generated from provider/behaviour/settings.ts) -->";
/** The line after a page's generated table. */
export const SETTINGS_END = "<!-- settings-table:end -->";

/** The Markdown table: one row per setting, in the table's order. */
export function settingsTable(): string {
  const rows = SETTING_KEYS.map(settingSpec).map((spec) => {
    const secret = spec.secret ? " (secret)" : "";
    return `| \`${CONFIG_NAMESPACE}:${spec.key}\`${secret} | \`${spec.envVar}\` | ${spec.type} | ${spec.description} |`;
  });
  return markdownTable(["setting", "environment variable", "type", "meaning"], rows).join("\n");
}

/** The page with its table replaced by a fresh rendering; `pagePath` only names it in the error. */
export function withSettingsTable(page: string, pagePath = INSTALLATION_DOC_PATH): string {
  return withGeneratedSection(page, SETTINGS_START, SETTINGS_END, settingsTable(), pagePath);
}

if (require.main === module) {
  for (const pagePath of SETTINGS_TABLE_PAGES) {
    writeFileSync(pagePath, withSettingsTable(readFileSync(pagePath, "utf8"), pagePath));
    console.log(`wrote the settings table into ${path.relative(process.cwd(), pagePath)}`);
  }
}
