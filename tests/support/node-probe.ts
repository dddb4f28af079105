/**
 * Loaded into every Node process of a test's pulumi commands through
 * `NODE_OPTIONS=--require` (see program-node.ts): appends which Node runs
 * which script to the file named by TENCENTCHAT_NODE_PROBE_FILE. It does
 * nothing else, so the programs run as they would for a user.
 */
import { appendFileSync } from "node:fs";

const file = process.env.TENCENTCHAT_NODE_PROBE_FILE;
if (file) {
  const record = {
    version: process.version,
    execPath: process.execPath,
    script: process.argv[1] ?? "",
    pid: process.pid,
  };
  appendFileSync(file, JSON.stringify(record) + "\n");
}
