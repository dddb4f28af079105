/**
 * Trains the V8 code cache a self-contained executable starts from
 * (sea-main.ts): runs the program's bundle on this machine's Node (the
 * pinned one the executables are built on, so the same V8) up to its first
 * line on stdout (the plugin's port), then writes the cache of everything
 * compiled so far, and checks that a fresh process accepts it.
 *
 * As a child process: `node code-cache.js train <bundle> <cache> [program args...]`
 * or `node code-cache.js check <bundle> <cache>` (prints "accepted" or "rejected").
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { compileBundle, runBundle } from "./sea-main";

/** How long the training run may take to print its first line on a slow, busy machine. */
const TRAINING_TIMEOUT_MS = 120_000;

/**
 * Writes to `cachePath` V8's code cache of `bundlePath` as run with
 * `programArgs` up to its first line on stdout; throws if V8 would not
 * accept it in a fresh process (a V8 flag set before that line, for one).
 */
export function trainCodeCache(bundlePath: string, cachePath: string, programArgs: readonly string[]): void {
  execFileSync(process.execPath, [__filename, "train", bundlePath, cachePath, ...programArgs], {
    stdio: ["ignore", "ignore", "inherit"],
    timeout: TRAINING_TIMEOUT_MS,
  });
  const verdict = execFileSync(process.execPath, [__filename, "check", bundlePath, cachePath], {
    encoding: "utf8",
  }).trim();
  if (verdict !== "accepted") {
    throw new Error(
      `V8 rejects the code cache trained for ${bundlePath}: did the program set a V8 flag before its first line on stdout?`,
    );
  }
}

function train(bundlePath: string, cachePath: string, programArgs: string[]): void {
  const script = compileBundle(readFileSync(bundlePath, "utf8"), bundlePath);
  // The first line is the program's "I serve" signal: cache what start-up compiled, then stop.
  process.stdout.write = (() => {
    writeFileSync(cachePath, script.createCachedData());
    process.exit(0);
  }) as typeof process.stdout.write;
  process.argv = [process.execPath, bundlePath, ...programArgs];
  runBundle(script, bundlePath, require);
}

function check(bundlePath: string, cachePath: string): void {
  const script = compileBundle(readFileSync(bundlePath, "utf8"), bundlePath, readFileSync(cachePath));
  process.stdout.write(script.cachedDataRejected ? "rejected\n" : "accepted\n");
}

if (require.main === module) {
  const [mode, bundlePath, cachePath, ...programArgs] = process.argv.slice(2);
  if (mode === "train") train(bundlePath, cachePath, programArgs);
  else if (mode === "check") check(bundlePath, cachePath);
  else {
    process.stderr.write("usage: node code-cache.js train|check <bundle> <cache> [program args...]\n");
    process.exitCode = 2;
  }
}
