/**
 * A lock between processes, for what test suites share on disk (the release
 * folder): under `npm test`, suites run in two mocha workers at once.
 *
 * ```ts
 * await withFileLock(path.join(REPO_ROOT, ".state", "release.lock"), () => runRelease(platforms));
 * ```
 *
 * The lock is a folder (`mkdir` either creates it or fails, atomically) holding
 * the owner's pid; a lock whose owner is gone (a killed run) is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const POLL_MS = 250;

function ownerAlive(lockDir: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(lockDir, "pid"), "utf8"));
  } catch {
    return true; // Just created: its owner has not written the pid yet.
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Runs `action` while holding the lock at `lockDir`, waiting (without a limit) while another process holds it. */
export async function withFileLock<T>(lockDir: string, action: () => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (!ownerAlive(lockDir)) rmSync(lockDir, { recursive: true, force: true });
      else await sleep(POLL_MS);
    }
  }
  writeFileSync(path.join(lockDir, "pid"), String(process.pid));
  try {
    return await action();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
