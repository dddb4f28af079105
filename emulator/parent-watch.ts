/**
 * Stops the emulator when the npm process that started it exits. `npx
 * tencentchat-emulator &` then `kill $!` kills npm, not the emulator under it
 * (npm does not forward the signal), which left the port taken. Only processes
 * started by npm (npx, npm exec, npm run: `npm_command` is set) watch; an
 * emulator started directly or by a supervisor keeps running on its own.
 */
import { readFileSync } from "node:fs";

/** How often the parent chain is checked. */
const CHECK_EVERY_MS = 500;

/** The parent of `pid` on Linux (from /proc), else undefined. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: the fields after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return Number.isInteger(ppid) && ppid > 1 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/** A process to watch and the parent it had at start: when it dies or is orphaned, its chain is broken. */
interface Watched {
  readonly pid: number;
  readonly parent: number | undefined;
}

/**
 * The processes between this one and the npm that started it (a `sh -c` sits between), npm included:
 * on Linux, the chain up to the first npm or npx. npm itself is watched for being orphaned too: `npx`
 * may be a small launcher whose death leaves `npm exec` running.
 */
function watchedAncestors(): Watched[] {
  const chain: Watched[] = [];
  for (let pid: number | undefined = process.ppid; pid !== undefined && chain.length < 4;) {
    const parent = parentOf(pid);
    chain.push({ pid, parent });
    if (/\bnp[mx](-cli\.js)?\b/.test(commandLineOf(pid))) break;
    pid = parent;
  }
  return chain;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function intact({ pid, parent }: Watched): boolean {
  return alive(pid) && (parent === undefined || parentOf(pid) === parent);
}

/** The launching npm's process chain, taken when the emulator starts; see {@link watchLaunchingNpm}. */
interface LaunchingNpm {
  /** Calls `onGone` once when a process of the chain exits or is orphaned. */
  onGone(onGone: () => void): void;
}

/**
 * Takes the chain up to the npm that started this process (undefined outside npm). Call it first
 * thing, before anything is printed: a caller that kills npm as soon as it reads the first line must
 * not find the chain already broken when it is taken.
 */
export function watchLaunchingNpm(env: NodeJS.ProcessEnv = process.env): LaunchingNpm | undefined {
  if (!env.npm_command) return undefined;
  const watched = watchedAncestors();
  const startParent = process.ppid;
  return {
    onGone(onGone) {
      const timer = setInterval(() => {
        if (process.ppid !== startParent || !watched.every(intact)) {
          clearInterval(timer);
          onGone();
        }
      }, CHECK_EVERY_MS);
      timer.unref();
    },
  };
}
