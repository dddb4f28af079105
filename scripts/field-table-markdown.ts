/**
 * The README's field tables, rendered from the field table
 * (chat-api/official-account-fields.ts), so the README never restates a
 * field by hand. `node dist/scripts/field-table-markdown.js --write` puts
 * them between the README's `field-table` markers; a test fails when the
 * README differs from a fresh rendering.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  INPUT_FIELDS,
  OFFICIAL_ACCOUNT_ID_PREFIX,
  OUTPUT_FIELDS,
  USER_ID_MAX_BYTES,
  type FieldSpec,
} from "../chat-api/official-account-fields";
import { markdownCell as cell, markdownTable, withGeneratedSection } from "./support/markdown";

export const START_MARKER = "<!-- field-table:start (generated from chat-api/official-account-fields.ts) -->";
export const END_MARKER = "<!-- field-table:end -->";

function ruleText(field: FieldSpec): string {
  const rule = field.rule;
  const fallback = field.default === undefined ? "" : ` (default \`${JSON.stringify(field.default)}\`)`;
  switch (rule.kind) {
    case "text":
      return (
        (rule.minBytes > 0 ? `${rule.minBytes} to ${rule.maxBytes} bytes` : `up to ${rule.maxBytes} bytes`) + fallback
      );
    case "integer":
      return `${rule.min} to ${rule.max}${fallback}`;
    case "userId":
      return `a Chat UserID: printable ASCII, 1 to ${USER_ID_MAX_BYTES} bytes`;
    case "officialAccountId":
      return `starts with \`${OFFICIAL_ACCOUNT_ID_PREFIX}\`; generated when left out`;
    case "boolean":
      return field.default === undefined ? "true or false" : `default \`${JSON.stringify(field.default)}\``;
  }
}

const ON_CHANGE: Record<FieldSpec["lifecycle"], string> = {
  updatable: "updated in place",
  replaces: "**replaces** the account",
  provider: "no API call",
  output: "never a diff",
};

/** The inputs table and the outputs table, as the README shows them. */
export function fieldTableMarkdown(): string {
  const inputs = INPUT_FIELDS.map(
    (field) =>
      `| \`${field.name}\` | ${field.type}${field.required ? ", required" : ""} | ${cell(ruleText(field))} | ` +
      `${ON_CHANGE[field.lifecycle]} | ${cell(field.description)} |`,
  );
  const outputs = OUTPUT_FIELDS.map((field) => `| \`${field.name}\` | ${field.type} | ${cell(field.description)} |`);
  return [
    ...markdownTable(["input", "type", "rule", "on change", "description"], inputs),
    "",
    ...markdownTable(["output", "type", "description"], outputs),
  ].join("\n");
}

/** The README with its generated section replaced by a fresh rendering. */
export function withFreshFieldTable(readme: string): string {
  return withGeneratedSection(readme, START_MARKER, END_MARKER, fieldTableMarkdown(), "README.md");
}

if (require.main === module) {
  const path = join(__dirname, "..", "..", "README.md");
  const readme = readFileSync(path, "utf8");
  const fresh = withFreshFieldTable(readme);
  if (process.argv.includes("--write")) writeFileSync(path, fresh);
  else process.stdout.write(`${fieldTableMarkdown()}\n`);
}
