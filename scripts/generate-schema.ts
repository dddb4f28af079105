/**
 * Writes schema.json from the field table and the settings table (through
 * provider/native/schema.ts, the same builder the plugin's GetSchema uses).
 * Run by `npm run generate` (scripts/generate.sh); a test fails when the
 * committed file is stale.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { schemaText } from "../provider/native/schema";

export const SCHEMA_PATH = path.resolve(__dirname, "..", "..", "schema.json");

if (require.main === module) {
  writeFileSync(SCHEMA_PATH, schemaText());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_PATH) || SCHEMA_PATH}`);
}
