/**
 * The benchmark scenarios. Each runs through the real Pulumi CLI against the
 * emulator (rate limit on, 200 calls/s per command) and emits one JSON line.
 * The same commands on a stack of the same number of trivial dynamic
 * resources (no API calls) run in the same process just before, as the
 * engine's own cost.
 */
import { DOCUMENTED_CALLS_PER_SECOND, MAX_IDS_PER_INFO_CALL } from "../chat-api/limits";
import type { FaultOptions, RunningEmulator } from "../emulator";
import { startLocalChat } from "../scripts/support/local-chat";
import { callsByCommand, emit, firstError, load1, outcomes, progress, ratio, round } from "./figures";
import { parallelLabel, type Checkpoints, type FrontDoor, type Scenario } from "./options";
import {
  BENCH_IDENTIFIER,
  BENCH_OWNERS,
  BENCH_SDK_APP_ID,
  createBenchStack,
  type BenchStack,
  type ResourceKind,
  type TimedRun,
} from "./stack";

type Lifecycle = Exclude<Scenario, "faults" | "startup">;
const LIFECYCLE: Lifecycle[] = ["up", "refresh", "preview", "destroy"];

const COMMANDS: Record<Lifecycle, string[]> = {
  up: ["up", "--yes", "--skip-preview"],
  refresh: ["refresh", "--yes", "--skip-preview"],
  preview: ["preview", "--expect-no-changes"],
  destroy: ["destroy", "--yes", "--skip-preview"],
};

/** The least time the API calls of a scenario can take at 200 calls/s per command. */
function floorSeconds(scenario: Lifecycle, n: number): number {
  switch (scenario) {
    case "up":
    case "destroy":
      return n / DOCUMENTED_CALLS_PER_SECOND;
    case "refresh":
      return Math.ceil(n / MAX_IDS_PER_INFO_CALL) / DOCUMENTED_CALLS_PER_SECOND;
    case "preview":
      return 0; // check and diff make no API call
  }
}

const owners = Array.from({ length: BENCH_OWNERS }, (_, i) => `bench-owner-${i}`);

function startBenchEmulator(faults?: FaultOptions): Promise<{ emulator: RunningEmulator; secretKey: string }> {
  return startLocalChat("bench-secret", {
    sdkAppId: BENCH_SDK_APP_ID,
    identifier: BENCH_IDENTIFIER,
    importUsers: owners,
    faults,
  });
}

/** The fixed cost of one CLI command: the same commands on a stack of no resources. */
export async function runFixedCost(): Promise<void> {
  progress("fixed cost: commands on an empty stack");
  const stack = await createBenchStack({ kind: "trivial", label: "bench-fixed" });
  try {
    await stack.setCount(0);
    const seconds: Record<string, number> = {};
    for (const scenario of LIFECYCLE) seconds[scenario] = round((await stack.timedOk(COMMANDS[scenario])).wallSeconds);
    emit({ scenario: "fixed-cost", n: 0, wallSeconds: seconds, load1: load1() });
  } finally {
    stack.dispose();
  }
}

/** The front doors measured, each on its own emulator: the dynamic resource and the native plugin. */
const FRONT_DOORS: ReadonlyArray<{ frontDoor: FrontDoor; kind: ResourceKind }> = [
  { frontDoor: "dynamic", kind: "official" },
  { frontDoor: "native", kind: "native" },
];

/** up, refresh, preview, destroy of n accounts per front door, each against the trivial baseline; emits the selected ones. */
export async function runLifecycle(
  n: number,
  parallel: number | undefined,
  checkpoints: Checkpoints,
  selected: Scenario[],
  frontDoors: readonly FrontDoor[] = ["dynamic", "native"],
): Promise<void> {
  const label = parallelLabel(parallel);
  const env = checkpoints === "skip" ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {};
  progress(`lifecycle: n=${n} parallel=${label} checkpoints=${checkpoints} front doors=${frontDoors.join(",")}`);
  const doors: Array<{ frontDoor: FrontDoor; stack: BenchStack; emulator: RunningEmulator; failed: boolean }> = [];
  const stacks: BenchStack[] = [];
  try {
    const baseline = await createBenchStack({ kind: "trivial", label: `bench-trivial-${n}`, parallel, env });
    stacks.push(baseline);
    await baseline.setCount(n);
    for (const { frontDoor, kind } of FRONT_DOORS.filter((door) => frontDoors.includes(door.frontDoor))) {
      const { emulator, secretKey } = await startBenchEmulator();
      const stack = await createBenchStack({
        kind,
        label: `bench-${kind}-${n}`,
        parallel,
        env,
        endpoint: emulator.url,
        secretKey,
      });
      stacks.push(stack);
      doors.push({ frontDoor, stack, emulator, failed: false });
      await stack.setCount(n);
    }

    for (const scenario of LIFECYCLE) {
      // up and destroy always run (they set up and clean up); refresh and preview only when asked for.
      if (!selected.includes(scenario) && (scenario === "refresh" || scenario === "preview")) continue;
      const load = load1();
      progress(`  ${scenario} n=${n} parallel=${label}: trivial baseline`);
      const base = await baseline.timed(COMMANDS[scenario]);
      for (const door of doors) {
        if (door.failed) continue; // nothing sensible to measure on a half-made stack
        progress(`  ${scenario} n=${n} parallel=${label}: OfficialAccount, ${door.frontDoor} front door`);
        door.emulator.resetCounters();
        const run = await door.stack.timed(COMMANDS[scenario]);
        const counters = door.emulator.counters();
        const accounts = door.emulator.snapshot().accounts.length;
        const failed = run.code !== 0 || base.code !== 0;
        if (failed)
          progress(`  ${scenario} failed: ${firstError(run.output) ?? firstError(base.output) ?? "(no error line)"}`);
        if (selected.includes(scenario)) {
          emit({
            frontDoor: door.frontDoor,
            ...lifecycleFigure(scenario, n, label, checkpoints, run, base, counters, accounts, load),
          });
        }
        if (failed && scenario === "up") door.failed = true;
      }
    }
  } finally {
    // Leave nothing behind even if a step failed; the figures are already out.
    for (const door of doors) {
      if (door.emulator.snapshot().accounts.length > 0) await door.stack.timed(COMMANDS.destroy);
      await door.emulator.close();
    }
    for (const stack of stacks) stack.dispose();
  }
}

function lifecycleFigure(
  scenario: Lifecycle,
  n: number,
  parallel: string,
  checkpoints: Checkpoints,
  run: TimedRun,
  base: TimedRun,
  counters: ReturnType<RunningEmulator["counters"]>,
  accountsAfter: number,
  load: number,
): Record<string, unknown> {
  const floor = floorSeconds(scenario, n);
  const apiCalls = callsByCommand(counters);
  const { throttled, faulted, dropped, failed } = outcomes(counters);
  const figure: Record<string, unknown> = {
    scenario,
    n,
    parallel,
    checkpoints,
    wallSeconds: round(run.wallSeconds),
    floorSeconds: round(floor),
    wallOverFloor: ratio(run.wallSeconds, floor),
    baselineWallSeconds: round(base.wallSeconds),
    wallOverBaseline: ratio(run.wallSeconds, base.wallSeconds),
    secondsOverBaseline: round(run.wallSeconds - base.wallSeconds),
    apiCalls,
    throttled,
    failedCalls: failed + faulted + dropped,
  };
  if (scenario === "refresh") {
    const atMost = Math.ceil(n / MAX_IDS_PER_INFO_CALL) + 2;
    const got = apiCalls.get_official_account_info ?? 0;
    figure.getInfoCallsGoal = { atMost, met: got <= atMost };
  }
  Object.assign(figure, {
    providerPeakRssMb: run.processes.providerPeakRssMb,
    programPeakRssMb: run.processes.programPeakRssMb,
    baselineProviderPeakRssMb: base.processes.providerPeakRssMb,
    baselineProgramPeakRssMb: base.processes.programPeakRssMb,
    cpuSeconds: run.processes.cpuSeconds && { ...run.processes.cpuSeconds, benchProcess: run.benchCpuSeconds },
    baselineCpuSeconds: base.processes.cpuSeconds && {
      ...base.processes.cpuSeconds,
      benchProcess: base.benchCpuSeconds,
    },
    accountsInEmulator: accountsAfter,
    exitCode: run.code,
    baselineExitCode: base.code,
    load1: load,
  });
  if (run.code !== 0) figure.error = firstError(run.output) ?? null;
  if (base.code !== 0) figure.baselineError = firstError(base.output) ?? null;
  return figure;
}

export const CONVERGENCE_FAULTS: FaultOptions = { transient: 0.1, throttle: 0.05, http502: 0.03, drop: 0.05 };
/** Re-runs a pipeline would allow before a human looks (the convergence suite's bound too). */
const MAX_RUNS = 5;

interface FaultRun {
  exitCode: number;
  wallSeconds: number;
  providerPeakRssMb: number | null;
  error?: string;
}

/** Runs `pulumi <args>` until it exits 0, at most MAX_RUNS times; each run's figures. */
async function untilOk(stack: BenchStack, args: string[], what: string): Promise<FaultRun[]> {
  const runs: FaultRun[] = [];
  for (let i = 1; i <= MAX_RUNS; i++) {
    progress(`    ${what} run ${i}`);
    const run = await stack.timed(args);
    runs.push({
      exitCode: run.code,
      wallSeconds: round(run.wallSeconds),
      providerPeakRssMb: run.processes.providerPeakRssMb,
      ...(run.code !== 0 ? { error: firstError(run.output) ?? "(no error line)" } : {}),
    });
    if (run.code === 0) break;
  }
  return runs;
}

/** A drift check found something to do (its summary names steps), rather than failing on an API error. */
const FOUND_CHANGES = /\bto (create|update|delete|replace)\b/;
const MAX_DRIFT_CHECKS = 3;

/**
 * `refresh --preview-only --expect-no-changes` with the faults on, as the convergence suite runs it: it
 * reads every account through the faulty API, so a run that failed on an API error may be re-run (at most
 * 3 runs); a run that found a change ends it as failed.
 */
async function driftCheck(stack: BenchStack): Promise<{ passes: boolean; runs: number; errors: string[] }> {
  const errors: string[] = [];
  for (let run = 1; run <= MAX_DRIFT_CHECKS; run++) {
    const check = await stack.timed(["refresh", "--preview-only", "--expect-no-changes"]);
    if (check.code === 0) return { passes: true, runs: run, errors };
    const changes = FOUND_CHANGES.exec(check.output);
    errors.push(changes ? `found changes: ${changes[0]}` : (firstError(check.output) ?? "(no error line)"));
    if (changes) return { passes: false, runs: run, errors };
  }
  return { passes: false, runs: MAX_DRIFT_CHECKS, errors };
}

/** What a command under faults took: runs needed (null when none succeeded), total wall time, the calls made. */
function commandFigure(runs: FaultRun[], counters: ReturnType<RunningEmulator["counters"]>): Record<string, unknown> {
  const { calls, throttled, faulted, dropped, failed } = outcomes(counters);
  return {
    runsNeeded: runs[runs.length - 1].exitCode === 0 ? runs.length : null,
    wallSeconds: round(runs.reduce((sum, run) => sum + run.wallSeconds, 0)),
    runs,
    apiCalls: callsByCommand(counters),
    calls,
    throttled,
    faulted,
    dropped,
    failedCalls: failed,
  };
}

/**
 * One front door under faults, on its own emulator: `up` of n accounts repeated until it succeeds (at most
 * 5 runs), the convergence checks (duplicates, orphans, missing; preview and drift check with the faults
 * still on), then `destroy` under the same faults until it succeeds and nothing is left.
 */
async function faultsThrough(frontDoor: FrontDoor, kind: ResourceKind, n: number): Promise<Record<string, unknown>> {
  progress(`  faults: n=${n}, ${frontDoor} front door`);
  const { emulator, secretKey } = await startBenchEmulator(CONVERGENCE_FAULTS);
  let stack: BenchStack | undefined;
  let destroyed = false;
  try {
    stack = await createBenchStack({ kind, label: `bench-faults-${kind}-${n}`, endpoint: emulator.url, secretKey });
    await stack.setCount(n);
    emulator.resetCounters();
    const upRuns = await untilOk(stack, COMMANDS.up, "up");
    const up = commandFigure(upRuns, emulator.counters());
    const live = emulator.snapshot().accounts;
    const stateIds = new Set(await stack.stateIds());
    const liveIds = new Set(live.map((a) => a.Official_Account));
    const byName = new Map<string, number>();
    for (const account of live) byName.set(account.Name, (byName.get(account.Name) ?? 0) + 1);
    progress("    preview --expect-no-changes, refresh --preview-only --expect-no-changes");
    const preview = await stack.timed(COMMANDS.preview);
    const drift = await driftCheck(stack);
    emulator.resetCounters();
    const destroyRuns = await untilOk(stack, COMMANDS.destroy, "destroy");
    destroyed = destroyRuns[destroyRuns.length - 1].exitCode === 0;
    const destroy = commandFigure(destroyRuns, emulator.counters());
    return {
      frontDoor,
      declared: n,
      accountsInEmulator: live.length,
      resourcesInState: stateIds.size,
      duplicates: [...byName.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0),
      orphans: [...liveIds].filter((id) => !stateIds.has(id)).length,
      missing: [...stateIds].filter((id) => !liveIds.has(id)).length,
      previewNoChangesPasses: preview.code === 0,
      refreshNoChangesPasses: drift.passes,
      refreshNoChangesRuns: drift.runs,
      ...(preview.code !== 0 ? { previewError: firstError(preview.output) ?? "(no error line)" } : {}),
      ...(drift.errors.length > 0 ? { refreshErrors: drift.errors } : {}),
      up,
      destroy,
      accountsLeftAfterDestroy: emulator.snapshot().accounts.length,
    };
  } finally {
    emulator.setFaults({});
    if (stack) {
      if (!destroyed) await stack.timed(COMMANDS.destroy);
      stack.dispose();
    }
    await emulator.close();
  }
}

/** The side-by-side table of the faults scenario, for the human reading stderr. */
function faultsTable(figures: ReadonlyArray<Record<string, unknown>>): string {
  const rows: Array<[string, (f: Record<string, unknown>) => unknown]> = [
    ["up: runs needed", (f) => (f.up as Record<string, unknown>).runsNeeded],
    ["up: wall seconds (all runs)", (f) => (f.up as Record<string, unknown>).wallSeconds],
    ["up: API calls / faulted / dropped", (f) => callsLine(f.up)],
    ["duplicates / orphans / missing", (f) => `${f.duplicates} / ${f.orphans} / ${f.missing}`],
    ["preview --expect-no-changes", (f) => (f.previewNoChangesPasses ? "passes" : "FAILS")],
    [
      "refresh --preview-only --expect-no-changes",
      (f) => `${f.refreshNoChangesPasses ? "passes" : "FAILS"} (${f.refreshNoChangesRuns} run(s))`,
    ],
    ["destroy: runs needed", (f) => (f.destroy as Record<string, unknown>).runsNeeded],
    ["destroy: wall seconds (all runs)", (f) => (f.destroy as Record<string, unknown>).wallSeconds],
    ["destroy: API calls / faulted / dropped", (f) => callsLine(f.destroy)],
    ["accounts left after destroy", (f) => f.accountsLeftAfterDestroy],
  ];
  const header = ["", ...figures.map((f) => String(f.frontDoor))];
  const lines = [header, ...rows.map(([label, cell]) => [label, ...figures.map((f) => String(cell(f)))])];
  const widths = header.map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  return lines.map((line) => line.map((cell, column) => cell.padEnd(widths[column])).join("  ")).join("\n");
}

function callsLine(command: unknown): string {
  const c = command as { calls: number; faulted: number; dropped: number };
  return `${c.calls} / ${c.faulted} / ${c.dropped}`;
}

/**
 * The faults scenario through each front door in turn (each on its own emulator), printed side by side:
 * one JSON line holding both doors' figures, and a table on stderr.
 */
export async function runFaults(n: number, frontDoors: readonly FrontDoor[] = ["dynamic", "native"]): Promise<void> {
  progress(`faults: n=${n} ${JSON.stringify(CONVERGENCE_FAULTS)} front doors=${frontDoors.join(",")}`);
  const figures: Array<Record<string, unknown>> = [];
  for (const { frontDoor, kind } of FRONT_DOORS.filter((door) => frontDoors.includes(door.frontDoor))) {
    figures.push(await faultsThrough(frontDoor, kind, n));
  }
  progress(`faults: n=${n}, side by side\n${faultsTable(figures)}`);
  emit({
    scenario: "faults",
    n,
    parallel: "default",
    checkpoints: "on",
    faults: CONVERGENCE_FAULTS,
    frontDoors: Object.fromEntries(figures.map(({ frontDoor, ...figure }) => [frontDoor as string, figure])),
    load1: load1(),
  });
}
