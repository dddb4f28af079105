/**
 * A Pulumi stack of a test program in its own sandbox: the program copied in,
 * `stack init`, Chat settings in stack config (the secret key as a secret)
 * and every command's output kept in a transcript. chat-stack.ts adds an
 * emulator; target-stack.ts points it at a ChatTarget. A Node.js program
 * runs on the project's Node (first on PATH), and every command checks that
 * each Node it started is one the package supports (program-node.ts).
 */
import { cpSync } from "node:fs";
import * as path from "node:path";
import { createPulumiSandbox, REPO_ROOT, type PulumiRunResult, type PulumiSandbox } from "../../scripts/pulumi-runner";
import {
  programNodeBinDir,
  programRuntime,
  runsProgram,
  startNodeProbe,
  type NodeProbe,
  type ProgramNode,
} from "./program-node";

export interface ProgramStack {
  readonly sandbox: PulumiSandbox;
  readonly programDir: string;
  /** Everything every pulumi command printed so far. */
  readonly transcript: string[];
  /** Sets the `accounts` config value the program declares resources from. */
  setAccounts(specs: Record<string, Record<string, unknown>>): Promise<void>;
  setConfig(key: string, value: unknown): Promise<void>;
  pulumi(args: string[]): Promise<PulumiRunResult>;
  pulumiOk(args: string[]): Promise<PulumiRunResult>;
  outputs(): Promise<Record<string, unknown>>;
  /** Every Node process the pulumi commands started so far (empty for a program not in Node.js). */
  programNodes(): ProgramNode[];
}

export interface ProgramStackOptions {
  /** A folder under tests/fixtures, or an absolute path to a program folder. */
  program?: string;
  /** Where the sandbox goes instead of `<repo>/.state/` (a program there resolves no repo node_modules). */
  sandboxDir?: string;
  /** Environment of every command. */
  env?: NodeJS.ProcessEnv;
  /** Plain stack config values. */
  config?: Record<string, string>;
  /** Stack config values set with --secret; never shown in the transcript's command lines. */
  secretConfig?: Record<string, string>;
}

export async function startProgramStack(label: string, options: ProgramStackOptions = {}): Promise<ProgramStack> {
  const sandbox = createPulumiSandbox(label, options.env, { dir: options.sandboxDir });
  const programDir = path.join(sandbox.dir, "program");
  const program = options.program ?? "accounts-program";
  cpSync(path.isAbsolute(program) ? program : path.join(REPO_ROOT, "tests", "fixtures", program), programDir, {
    recursive: true,
  });
  const probe: NodeProbe | undefined =
    programRuntime(programDir) === "nodejs" ? startNodeProbe(sandbox.dir) : undefined;
  // The caller's PATH (options.env) wins; otherwise the project's Node goes first, before any older system one.
  const nodeEnv: NodeJS.ProcessEnv = probe
    ? {
        ...probe.env,
        ...(options.env?.PATH === undefined
          ? { PATH: [programNodeBinDir(), sandbox.env.PATH].join(path.delimiter) }
          : {}),
      }
    : {};
  const secrets = new Set(Object.values(options.secretConfig ?? {}));
  const transcript: string[] = [];
  const pulumi = async (args: string[]) => {
    const result = await sandbox.run(args, { cwd: programDir, env: nodeEnv });
    probe?.check(args.join(" "), { programRan: result.code === 0 && runsProgram(args) });
    // The command line is ours (it carries the key to `config set --secret`); what pulumi printed is checked.
    // --show-secrets asks pulumi to decrypt on purpose: such output is not what a user sees by default.
    const shown = args.includes("--show-secrets") ? "<decrypted on request: not checked>" : result.output;
    transcript.push(`$ pulumi ${args.map((arg) => (secrets.has(arg) ? "<secret>" : arg)).join(" ")}\n${shown}`);
    return result;
  };
  const pulumiOk = async (args: string[]) => {
    const result = await pulumi(args);
    if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited with ${result.code}:\n${result.output}`);
    return result;
  };
  // No shell between us and pulumi: JSON with quotes and multi-byte text passes as it is.
  const setConfig = async (key: string, value: unknown) => {
    await pulumiOk(["config", "set", key, typeof value === "string" ? value : JSON.stringify(value)]);
  };

  await pulumiOk(["stack", "init", "test"]);
  for (const [key, value] of Object.entries(options.config ?? {})) await setConfig(key, value);
  for (const [key, value] of Object.entries(options.secretConfig ?? {})) {
    await pulumiOk(["config", "set", "--secret", key, value]);
  }

  return {
    sandbox,
    programDir,
    transcript,
    setAccounts: (specs) => setConfig("accounts", specs),
    setConfig,
    pulumi,
    pulumiOk,
    async outputs() {
      return JSON.parse((await pulumiOk(["stack", "output", "--json", "--show-secrets"])).stdout);
    },
    programNodes: () => probe?.nodes() ?? [],
  };
}
