/**
 * Runs the Pulumi CLI the one way this repo does: the toolchain from
 * scripts/ensure-pulumi.sh, a file backend and PULUMI_HOME private to the
 * run, a passphrase, no update checks. Tests, the demo and the benchmarks
 * all go through here.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

let cachedBinDir: string | undefined;

/** The folder(s) holding pulumi, pulumi-language-nodejs and the dynamic-provider shim (PATH syntax). */
export function pulumiBinDir(): string {
  if (!cachedBinDir) {
    const out = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "ensure-pulumi.sh")], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const lines = out.trim().split("\n");
    cachedBinDir = lines[lines.length - 1];
  }
  return cachedBinDir;
}

export interface PulumiRunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr together, for assertions and for grepping secrets out. */
  readonly output: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Also stream the output to this process's stdout (the demo shows it). */
  echo?: boolean;
}

export interface PulumiSandbox {
  /** Root folder of this run: backend/, home/ and anything else the caller puts there. */
  readonly dir: string;
  /** Environment every pulumi command of this sandbox runs with. */
  readonly env: NodeJS.ProcessEnv;
  /** Runs `pulumi <args>` in `cwd`; never throws on a non-zero exit. */
  run(args: string[], options?: RunOptions): Promise<PulumiRunResult>;
  /** Like run, but throws with the output when the exit code is not 0. */
  runOk(args: string[], options?: RunOptions): Promise<PulumiRunResult>;
  /** Deletes the sandbox folder (the stack state goes with it). */
  dispose(): void;
}

export const SANDBOX_PASSPHRASE = "pulumi-tencent-chat-local-passphrase";

/**
 * Makes a sandbox: a fresh folder under `<repo>/.state/` (inside the repo, so
 * programs resolve its node_modules), or the given `dir` kept across runs.
 */
export function createPulumiSandbox(
  label: string,
  extraEnv: NodeJS.ProcessEnv = {},
  options: { dir?: string } = {},
): PulumiSandbox {
  const base = path.join(REPO_ROOT, ".state");
  mkdirSync(base, { recursive: true });
  const dir = options.dir ?? mkdtempSync(path.join(base, `${label}-`));
  const backend = path.join(dir, "backend");
  const home = path.join(dir, "home");
  mkdirSync(backend, { recursive: true });
  mkdirSync(home, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [pulumiBinDir(), path.join(REPO_ROOT, "node_modules", ".bin"), process.env.PATH ?? ""].join(path.delimiter),
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: SANDBOX_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_HOME: home,
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    NO_COLOR: "1",
    ...extraEnv,
  };
  const run: PulumiSandbox["run"] = (args, options = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn("pulumi", [...args, "--non-interactive", "--color", "never"], {
        cwd: options.cwd ?? dir,
        env: { ...env, ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk;
        output += chunk;
        if (options.echo) process.stdout.write(chunk);
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk;
        output += chunk;
        if (options.echo) process.stdout.write(chunk);
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, output }));
      child.stdin.end(options.input ?? "");
    });
  return {
    dir,
    env,
    run,
    async runOk(args, options) {
      const result = await run(args, options);
      if (result.code !== 0) {
        throw new Error(`pulumi ${args.join(" ")} exited with ${result.code}:\n${result.output}`);
      }
      return result;
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
