/**
 * Serializes a provider object the way `pulumi.dynamic.Resource` does, in a
 * child process where `require("typescript")` fails: @pulumi/pulumi then
 * parses closures with the TypeScript 3.8.3 it vendors, as it does in a
 * plain-JavaScript program that has no `typescript` installed.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/pulumi-runner";

export interface SerializedProvider {
  /** The TypeScript version that parsed the closure. */
  readonly parser: string;
  /** The `__provider` text, when serialization succeeded. */
  readonly text?: string;
  /** The serializer's message, when it failed. */
  readonly error?: string;
}

// Runs in the child: hide `typescript`, then serialize `() => provider` as dynamic/index.js does.
const CHILD = `
const Module = require("node:module");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "typescript") throw Object.assign(new Error("typescript hidden"), { code: "MODULE_NOT_FOUND" });
  return resolve.call(this, request, ...rest);
};
const [pulumiDir, modulePath, exportName] = process.argv.slice(1);
const ts = require(pulumiDir + "/typescript-shim");
const { serializeFunction } = require(pulumiDir + "/runtime/closure/serializeClosure");
const provider = require(modulePath)[exportName];
serializeFunction(() => provider, { allowSecrets: true }).then(
  (sf) => process.stdout.write(JSON.stringify({ parser: ts.version, text: sf.text })),
  (e) => process.stdout.write(JSON.stringify({ parser: ts.version, error: e.message })),
);
`;

/** Serializes `require(modulePath)[exportName]` with the vendored parser. */
export function serializeWithVendoredParser(modulePath: string, exportName: string): SerializedProvider {
  const pulumiDir = path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi");
  const out = execFileSync(process.execPath, ["-e", CHILD, pulumiDir, modulePath, exportName], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return JSON.parse(out) as SerializedProvider;
}
