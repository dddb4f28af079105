/**
 * More ways to drive a ChatStack than chat-stack.ts offers: runs with extra
 * environment variables, a run the test can kill midway, runs repeated until
 * they succeed, and the stack's state read back from `pulumi stack export`.
 * Every run's output goes into the stack's transcript, like stack.pulumi().
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readdirSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import type { PulumiRunResult } from "../../scripts/pulumi-runner";
import type { ChatStack } from "./chat-stack";
import { readReadmeBlocks } from "./readme-snippets";

export const OFFICIAL_ACCOUNT_TYPE = "pulumi-nodejs:dynamic/tencentchat:OfficialAccount";

function record(stack: ChatStack, args: string[], env: NodeJS.ProcessEnv, result: PulumiRunResult): void {
  const shown = Object.keys(env).length > 0 ? ` (env: ${Object.keys(env).join(", ")})` : "";
  stack.transcript.push(`$ pulumi ${args.join(" ")}${shown}\n${result.output}`);
}

/** `pulumi <args>` in the stack's program with extra environment variables; never throws on a non-zero exit. */
export async function runWithEnv(stack: ChatStack, args: string[], env: NodeJS.ProcessEnv): Promise<PulumiRunResult> {
  const result = await stack.sandbox.run(args, { cwd: stack.programDir, env });
  record(stack, args, env, result);
  return result;
}

export interface RunningPulumi {
  /** The CLI process (its plugins and program are its descendants). */
  readonly child: ChildProcess;
  /** Settles when the CLI exits, however it ends. */
  readonly done: Promise<PulumiRunResult>;
}

/** Starts `pulumi <args>` and returns at once, so the test can act while it runs. */
export function startPulumi(stack: ChatStack, args: string[], env: NodeJS.ProcessEnv = {}): RunningPulumi {
  const child = spawn("pulumi", [...args, "--non-interactive", "--color", "never"], {
    cwd: stack.programDir,
    env: { ...stack.sandbox.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk;
    output += chunk;
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk;
    output += chunk;
  });
  const done = new Promise<PulumiRunResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const result = { code: code ?? (signal ? 128 : -1), stdout, stderr, output };
      record(stack, args, env, result);
      resolve(result);
    });
  });
  return { child, done };
}

export interface Attempts {
  /** The run that succeeded (1-based), or undefined when none did. */
  readonly succeededOnRun: number | undefined;
  readonly results: PulumiRunResult[];
}

/**
 * Runs `pulumi <args>` until it exits 0, at most `maxRuns` times: what a
 * pipeline that re-runs a failed deployment does.
 */
export async function runUntilOk(stack: ChatStack, args: string[], maxRuns: number): Promise<Attempts> {
  const results: PulumiRunResult[] = [];
  for (let run = 1; run <= maxRuns; run++) {
    const result = await stack.pulumi(args);
    results.push(result);
    if (result.code === 0) return { succeededOnRun: run, results };
  }
  return { succeededOnRun: undefined, results };
}

/** Fails with the last run's output when no run succeeded. */
export function expectConverged(what: string, attempts: Attempts): number {
  const last = attempts.results[attempts.results.length - 1];
  expect(
    attempts.succeededOnRun,
    `${what} did not succeed in ${attempts.results.length} runs; the last one printed:\n${last?.output}`,
  ).to.not.equal(undefined);
  return attempts.succeededOnRun!;
}

export interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export interface ExportedDeployment {
  resources: ExportedResource[];
  pending_operations?: Array<{ type: string; resource: ExportedResource }>;
}

/** `pulumi stack export`, parsed (it must parse: a test of state integrity relies on it). */
export async function exportState(stack: ChatStack): Promise<ExportedDeployment> {
  const { stdout } = await stack.pulumiOk(["stack", "export"]);
  const parsed = JSON.parse(stdout) as { deployment?: ExportedDeployment };
  expect(parsed.deployment, "stack export has a deployment").to.be.an("object");
  return { ...parsed.deployment!, resources: parsed.deployment!.resources ?? [] };
}

/** The OfficialAccounts of one type (the dynamic resource's unless told) in a deployment, by logical name. */
export function officialAccountsIn(
  deployment: ExportedDeployment,
  type: string = OFFICIAL_ACCOUNT_TYPE,
): Map<string, ExportedResource> {
  const out = new Map<string, ExportedResource>();
  for (const resource of deployment.resources) {
    if (resource.type !== type) continue;
    const name = resource.urn.slice(resource.urn.lastIndexOf("::") + 2);
    expect(out.has(name), `state holds ${name} twice`).to.equal(false);
    out.set(name, resource);
  }
  return out;
}

/** The README's repair for a state file's metadata left empty by a killed `pulumi` (Troubleshooting). */
function readmeMetadataRepair(): string {
  const blocks = readReadmeBlocks().filter((block) => block.text.includes("'*.attrs'"));
  expect(blocks, "the README's command that deletes empty .attrs files").to.have.length(1);
  return blocks[0].text.trim();
}

/** The file backend's folder of a stack (the path of its `file://` URL). */
function backendDirOf(stack: ChatStack): string {
  return new URL(stack.sandbox.env.PULUMI_BACKEND_URL!).pathname;
}

/** The empty metadata sidecars (`*.attrs`) under the backend's `.pulumi` folder: state, lock or history. */
function emptySidecars(backendDir: string): string[] {
  const root = path.join(backendDir, ".pulumi");
  return readdirSync(root, { recursive: true, encoding: "utf8" }).filter(
    (file) => file.endsWith(".attrs") && statSync(path.join(root, file)).size === 0,
  );
}

/**
 * After a `pulumi` killed with SIGKILL: when the kill landed while the file backend rewrote a metadata
 * sidecar (`<stack>.json.attrs`, or a lock's), it is left empty, and commands that read it fail with
 * `failed to load checkpoint: EOF`. Then this runs the README's command, as pasted, in the backend's
 * folder, and checks that no empty sidecar is left and the state loads again. Returns whether the repair
 * was needed.
 */
export async function repairMetadataLeftByKill(stack: ChatStack): Promise<boolean> {
  const backendDir = backendDirOf(stack);
  const probe = await stack.pulumi(["stack", "export"]);
  if (probe.code !== 0) {
    expect(probe.output, "the only failure a kill may leave").to.include("failed to load checkpoint: EOF");
  }
  if (emptySidecars(backendDir).length === 0) {
    expect(probe.code, `stack export failed with no empty sidecar:\n${probe.output}`).to.equal(0);
    return false;
  }
  execFileSync("sh", ["-c", readmeMetadataRepair()], { cwd: backendDir });
  expect(emptySidecars(backendDir), "empty sidecars after the README's command").to.deep.equal([]);
  await stack.pulumiOk(["stack", "export"]);
  return true;
}

/**
 * Empties the stack's state metadata sidecar (`.pulumi/stacks/<project>/<stack>.json.attrs`), as a kill
 * between the backend's truncating it and writing it leaves it.
 */
export function emptyStateMetadata(stack: ChatStack): void {
  const stacksDir = path.join(backendDirOf(stack), ".pulumi", "stacks");
  const sidecars = readdirSync(stacksDir, { recursive: true, encoding: "utf8" }).filter((file) =>
    file.endsWith(".json.attrs"),
  );
  expect(sidecars, `the stack's metadata sidecar under ${stacksDir}`).to.have.length(1);
  writeFileSync(path.join(stacksDir, sidecars[0]), "");
}
