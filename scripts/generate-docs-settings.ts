/**
 * The settings table of docs/installation-configuration.md, rendered from the
 * settings table (provider/behaviour/settings.ts) between its `settings-table` markers, so
 * the registry page never restates a setting by hand. Run by `npm run generate`;
 * tests/native/schema.test.ts fails when the page differs from a fresh rendering.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { SETTING_SOURCES } from "../provider/behaviour/settings";

export const INSTALLATION_DOC_PATH = path.resolve(__dirname, "..", "..", "docs", "installation-configuration.md");
export const SETTINGS_START = "<!-- settings-table:start (generated from provider/behaviour/settings.ts) -->";
export const SETTINGS_END = "<!-- settings-table:end -->";

/** The Markdown table: one row per setting, in the table's order. */
export function settingsTable(): string {
  const rows = Object.values(SETTING_SOURCES).map((source) => {
    const secret = "secret" in source && source.secret ? " (secret)" : "";
    return `| \`tencentchat:${source.key}\`${secret} | \`${source.envVar}\` | ${source.type} | ${source.description} |`;
  });
  return ["| setting | environment variable | type | meaning |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** The page with its table replaced by a fresh rendering. */
export function withSettingsTable(page: string): string {
  const start = page.indexOf(SETTINGS_START);
  const end = page.indexOf(SETTINGS_END);
  if (start < 0 || end < start) {
    throw new Error(`${INSTALLATION_DOC_PATH} needs the lines ${SETTINGS_START} and ${SETTINGS_END} around the table`);
  }
  return `${page.slice(0, start + SETTINGS_START.length)}\n${settingsTable()}\n${page.slice(end)}`;
}

if (require.main === module) {
  writeFileSync(INSTALLATION_DOC_PATH, withSettingsTable(readFileSync(INSTALLATION_DOC_PATH, "utf8")));
  console.log(`wrote the settings table into ${path.relative(process.cwd(), INSTALLATION_DOC_PATH)}`);
}
