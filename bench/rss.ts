/**
 * Peak resident memory of the processes one pulumi command starts, read from
 * /proc/<pid>/status (VmHWM is the kernel's own high-water mark, so sampling
 * only has to catch each process before it exits). Processes are recognised
 * by their PULUMI_HOME, so other Pulumi runs on the machine are not counted.
 */
import { readdirSync, readFileSync } from "node:fs";

export type ProcessRole = "provider" | "program";

export interface PeakRss {
  /** Peak RSS in MB of the dynamic provider process; null when none was seen or /proc is not readable. */
  providerMb: number | null;
  /** Peak RSS in MB of the node process running the program. */
  programMb: number | null;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function roleOf(cmdline: string): ProcessRole | undefined {
  if (cmdline.includes("dynamic-provider")) return "provider";
  // The language host runs the program with `node .../@pulumi/pulumi/cmd/run ...`.
  if (/@pulumi[/\\]pulumi[/\\]cmd[/\\]run/.test(cmdline)) return "program";
  return undefined;
}

export class RssSampler {
  readonly #marker: string;
  readonly #ignored = new Set<string>();
  readonly #ours = new Map<string, ProcessRole>();
  readonly #peakKb: Record<ProcessRole, number | null> = { provider: null, program: null };
  #timer: NodeJS.Timeout | undefined;

  /** @param pulumiHome the PULUMI_HOME of the sandbox whose processes are measured. */
  constructor(pulumiHome: string, intervalMs = 100) {
    this.#marker = `PULUMI_HOME=${pulumiHome}\0`;
    if (read("/proc/self/status") === undefined) return; // no /proc: every figure stays null
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
      if (!role) {
        // A process may be caught between fork and exec: look at its command line again next time.
        const candidate = roleOf(read(`/proc/${pid}/cmdline`) ?? "");
        if (!candidate) continue;
        const environ = read(`/proc/${pid}/environ`);
        if (environ === undefined) continue;
        if (!environ.includes(this.#marker)) {
          this.#ignored.add(pid); // another Pulumi run's process
          continue;
        }
        role = candidate;
        this.#ours.set(pid, role);
      }
      const match = /^VmHWM:\s+(\d+) kB/m.exec(read(`/proc/${pid}/status`) ?? "");
      if (match) this.#peakKb[role] = Math.max(this.#peakKb[role] ?? 0, Number(match[1]));
    }
  }

  stop(): PeakRss {
    if (this.#timer) clearInterval(this.#timer);
    const mb = (kb: number | null) => (kb === null ? null : Math.round(kb / 102.4) / 10);
    return { providerMb: mb(this.#peakKb.provider), programMb: mb(this.#peakKb.program) };
  }
}
