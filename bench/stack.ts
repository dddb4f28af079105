/**
 * A Pulumi stack of the bench program (bench/fixtures/accounts) in its own
 * sandbox, timed command by command, with the peak RSS of the processes each
 * command starts.
 */
import { cpSync } from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { createPulumiSandbox, pulumiBinDir, REPO_ROOT, type PulumiSandbox } from "../scripts/pulumi-runner";
import { ProcessSampler, type ProcessFigures } from "./process-sampler";

export const BENCH_SDK_APP_ID = 1400054321;
export const BENCH_IDENTIFIER = "bench-admin";
export const BENCH_OWNERS = 10;

/** official: the dynamic OfficialAccount; native: the plugin's; trivial: the no-API baseline. */
export type ResourceKind = "official" | "native" | "trivial";

export interface TimedRun {
  code: number;
  wallSeconds: number;
  processes: ProcessFigures;
  /** CPU seconds of this (the bench) process during the command: the emulator, plus the sampler. */
  benchCpuSeconds: number;
  stdout: string;
  /** stdout and stderr together. */
  output: string;
}

export interface BenchStack {
  readonly kind: ResourceKind;
  readonly sandbox: PulumiSandbox;
  setCount(count: number): Promise<void>;
  /** Runs `pulumi <args>` (with --parallel when set) and times it; never throws. */
  timed(args: string[]): Promise<TimedRun>;
  /** Like timed, but throws with the output on a non-zero exit. */
  timedOk(args: string[]): Promise<TimedRun>;
  /** The ids of the resources of this kind in the stack's state. */
  stateIds(): Promise<string[]>;
  dispose(): void;
}

export interface BenchStackOptions {
  kind: ResourceKind;
  label: string;
  /** `pulumi --parallel`; undefined leaves the CLI's default. */
  parallel?: number;
  /** Emulator URL and secret key (official stacks only). */
  endpoint?: string;
  secretKey?: string;
  /** Extra environment for every pulumi command of this stack. */
  env?: NodeJS.ProcessEnv;
}

let nativePluginDir: string | undefined;

/** Native stacks made from now on find `pulumi-resource-tencentchat` in `dir` first (the self-contained plugin). */
export function useNativePluginFrom(dir: string): void {
  nativePluginDir = dir;
}

export async function createBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  // First on PATH wins: ahead of the launcher in node_modules/.bin that the sandbox's PATH holds.
  const pluginPath =
    options.kind === "native" && nativePluginDir !== undefined
      ? {
          PATH: [nativePluginDir, pulumiBinDir(), path.join(REPO_ROOT, "node_modules", ".bin"), process.env.PATH].join(
            path.delimiter,
          ),
        }
      : {};
  const sandbox = createPulumiSandbox(options.label, {
    ...pluginPath,
    TENCENTCHAT_SDKAPPID: String(BENCH_SDK_APP_ID),
    TENCENTCHAT_IDENTIFIER: BENCH_IDENTIFIER,
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    ...options.env,
  });
  const programDir = path.join(sandbox.dir, "program");
  cpSync(path.join(REPO_ROOT, "bench", "fixtures", "accounts"), programDir, { recursive: true });
  const parallelArgs = options.parallel === undefined ? [] : ["--parallel", String(options.parallel)];
  const supportsParallel = new Set(["up", "refresh", "preview", "destroy"]);

  const timed = async (args: string[]): Promise<TimedRun> => {
    const sampler = new ProcessSampler(sandbox.env.PULUMI_HOME as string);
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const result = await sandbox.run([...args, ...(supportsParallel.has(args[0]) ? parallelArgs : [])], {
      cwd: programDir,
    });
    const wallSeconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      code: result.code,
      wallSeconds,
      processes: sampler.stop(),
      benchCpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      stdout: result.stdout,
      output: result.output,
    };
  };
  const timedOk = async (args: string[]) => {
    const run = await timed(args);
    if (run.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited with ${run.code}:\n${run.output}`);
    return run;
  };
  const config = (key: string, value: string, secret = false) =>
    timedOk(["config", "set", ...(secret ? ["--secret"] : []), key, value]);

  await timedOk(["stack", "init", "bench"]);
  await config("kind", options.kind);
  await config("owners", String(BENCH_OWNERS));
  if (options.endpoint) await config("tencentchat:endpoint", options.endpoint);
  if (options.secretKey) await config("tencentchat:secretKey", options.secretKey, true);

  return {
    kind: options.kind,
    sandbox,
    setCount: async (count) => {
      await config("count", String(count));
    },
    timed,
    timedOk,
    async stateIds() {
      const exported = JSON.parse((await timedOk(["stack", "export"])).stdout) as {
        deployment?: { resources?: Array<{ type: string; id?: string }> };
      };
      return (exported.deployment?.resources ?? [])
        .filter(
          (r) => (r.type.startsWith("pulumi-nodejs:dynamic") || r.type === "tencentchat:index:OfficialAccount") && r.id,
        )
        .map((r) => r.id as string);
    },
    dispose: () => sandbox.dispose(),
  };
}
