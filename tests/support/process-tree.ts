/**
 * The processes a test started, found through /proc (Linux): the Pulumi
 * CLI's language host, program and plugins (the dynamic provider among them)
 * are all descendants of the CLI process the test spawned. Other tests and
 * other users' processes on the machine are never touched: everything here
 * starts from one pid the caller owns.
 */
import { readdirSync, readFileSync } from "node:fs";

export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  /** The command line, arguments joined with spaces. */
  readonly command: string;
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after "(comm)": state, ppid, ...; comm itself may contain spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    return { pid, ppid, command };
  } catch {
    return undefined; // gone while we looked
  }
}

/** Every live process; zombies (empty command line) are left out. */
export function listProcesses(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProcess(Number(entry));
    if (info && info.command !== "") out.push(info);
  }
  return out;
}

/** The processes below `root` (children, grandchildren, ...), not `root` itself. */
export function descendantsOf(root: number): ProcessInfo[] {
  const all = listProcesses();
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        grew = true;
      }
    }
  }
  return all.filter((p) => p.pid !== root && inTree.has(p.pid));
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * SIGKILLs `root` and everything below it, as a crash or an OOM kill would:
 * stops the tree first (so nothing new is spawned while we look), then kills
 * every pid found. Returns the pids killed.
 */
export function killTree(root: number): number[] {
  signal(root, "SIGSTOP");
  let found = descendantsOf(root);
  for (const p of found) signal(p.pid, "SIGSTOP");
  found = descendantsOf(root); // anything spawned between the first look and the stop
  for (const p of found) signal(p.pid, "SIGKILL");
  signal(root, "SIGKILL");
  return [root, ...found.map((p) => p.pid)];
}

/** Resolves once none of `pids` is alive (zombies count as gone), or rejects after `timeoutMs`. */
export async function waitUntilGone(pids: readonly number[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter((pid) => {
      const info = readProcess(pid);
      return info !== undefined && info.command !== "";
    });
    if (alive.length === 0) return;
    if (Date.now() > deadline) throw new Error(`processes still alive after ${timeoutMs} ms: ${alive.join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Waits up to `graceMs` for `pids` to end on their own (a CLI stops its plugins when it exits), then
 * SIGKILLs any still running, so a test never leaves its processes behind. Returns the pids it killed.
 */
export async function reap(pids: readonly number[], graceMs = 10_000): Promise<number[]> {
  try {
    await waitUntilGone(pids, graceMs);
    return [];
  } catch {
    const left = pids.filter((pid) => readProcess(pid)?.command);
    for (const pid of left) signal(pid, "SIGKILL");
    await waitUntilGone(left, 10_000);
    return left;
  }
}
