/**
 * What the processes of one pulumi command cost, read from /proc: peak
 * resident memory (VmHWM, the kernel's own high-water mark, so sampling only
 * has to catch a process before it exits) and CPU time (utime + stime, as of
 * the last sample, so up to one interval is missed per process). Processes
 * are recognised by their PULUMI_HOME, so other Pulumi runs on the machine
 * are not counted. Without /proc every figure is null.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

export const PROCESS_ROLES = ["engine", "languageHost", "program", "provider"] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export interface ProcessFigures {
  /** Peak RSS in MB of the provider process (`.../cmd/dynamic-provider`, or the native plugin). */
  providerPeakRssMb: number | null;
  /** Peak RSS in MB of the node process running the program (`.../cmd/run`). */
  programPeakRssMb: number | null;
  /** CPU seconds per process role: the pulumi CLI/engine, the nodejs language host, the program, the provider. */
  cpuSeconds: Record<ProcessRole, number> | null;
}

/** Kernel clock ticks per second for /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function read(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function roleOf(cmdline: string): ProcessRole | undefined {
  const argv = cmdline.split("\0");
  // The dynamic provider, or the native plugin (`node .../pulumi-resource-tencentchat`).
  if (cmdline.includes("dynamic-provider") || cmdline.includes("pulumi-resource-tencentchat")) return "provider";
  // The language host runs the program with `node .../@pulumi/pulumi/cmd/run ...`.
  if (/@pulumi[/\\]pulumi[/\\]cmd[/\\]run/.test(cmdline)) return "program";
  const exe = path.basename(argv[0] ?? "");
  if (exe === "pulumi") return "engine";
  if (exe === "pulumi-language-nodejs") return "languageHost";
  return undefined;
}

/** utime + stime in ticks; the command name in stat may hold spaces and parentheses, so parse after the last ")". */
function cpuTicks(stat: string | undefined): number | undefined {
  if (!stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is the state (field 3 of stat); utime and stime are fields 14 and 15.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : undefined;
}

export class ProcessSampler {
  readonly #marker: string;
  readonly #ignored = new Set<string>();
  readonly #ours = new Map<string, ProcessRole>();
  readonly #cmdlines = new Map<string, string>();
  readonly #ticks = new Map<string, number>();
  readonly #peakKb = new Map<ProcessRole, number>();
  readonly #available: boolean;
  #timer: NodeJS.Timeout | undefined;

  /** @param pulumiHome the PULUMI_HOME of the sandbox whose processes are measured. */
  constructor(pulumiHome: string, intervalMs = 100) {
    this.#marker = `PULUMI_HOME=${pulumiHome}\0`;
    this.#available = read("/proc/self/status") !== undefined;
    if (!this.#available) return;
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
  }

  sample(): void {
    let pids: string[];
    try {
      pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
    } catch {
      return;
    }
    for (const pid of pids) {
      if (this.#ignored.has(pid)) continue;
      let role = this.#ours.get(pid);
      if (role) {
        // Caught between fork and exec, a plugin still had the engine's command line: look again until it execs.
        const cmdline = read(`/proc/${pid}/cmdline`);
        if (cmdline !== undefined && cmdline !== this.#cmdlines.get(pid)) {
          this.#cmdlines.set(pid, cmdline);
          role = roleOf(cmdline) ?? role;
          this.#ours.set(pid, role);
        }
      } else {
        // A process may be caught between fork and exec: look at its command line again next time.
        const cmdline = read(`/proc/${pid}/cmdline`) ?? "";
        const candidate = roleOf(cmdline);
        if (!candidate) continue;
        const environ = read(`/proc/${pid}/environ`);
        if (environ === undefined) continue;
        if (!environ.includes(this.#marker)) {
          this.#ignored.add(pid); // another Pulumi run's process
          continue;
        }
        role = candidate;
        this.#ours.set(pid, role);
        this.#cmdlines.set(pid, cmdline);
      }
      const ticks = cpuTicks(read(`/proc/${pid}/stat`));
      if (ticks !== undefined) this.#ticks.set(pid, ticks);
      const match = /^VmHWM:\s+(\d+) kB/m.exec(read(`/proc/${pid}/status`) ?? "");
      if (match) this.#peakKb.set(role, Math.max(this.#peakKb.get(role) ?? 0, Number(match[1])));
    }
  }

  stop(): ProcessFigures {
    if (this.#timer) clearInterval(this.#timer);
    const mb = (role: ProcessRole) => {
      const kb = this.#peakKb.get(role);
      return kb === undefined ? null : Math.round(kb / 102.4) / 10;
    };
    let cpuSeconds: ProcessFigures["cpuSeconds"] = null;
    if (this.#available) {
      cpuSeconds = { engine: 0, languageHost: 0, program: 0, provider: 0 };
      for (const [pid, ticks] of this.#ticks) {
        const role = this.#ours.get(pid) as ProcessRole;
        cpuSeconds[role] = Math.round((cpuSeconds[role] + ticks / TICKS_PER_SECOND) * 100) / 100;
      }
    }
    return { providerPeakRssMb: mb("provider"), programPeakRssMb: mb("program"), cpuSeconds };
  }
}
