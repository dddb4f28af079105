/**
 * An emulator plus a Pulumi stack of the accounts-program fixture, wired
 * together the way a user would: endpoint and secret key in stack config
 * (the key as a secret), SDKAppID and identifier from TENCENTCHAT_* env.
 */
import { cpSync } from "node:fs";
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import { ChatClient, OfficialAccountsApi } from "../../provider/chat";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import type { AccountSnapshot } from "../../emulator";
import { createPulumiSandbox, REPO_ROOT, type PulumiRunResult, type PulumiSandbox } from "../../scripts/pulumi-runner";

export const TEST_SDK_APP_ID = 1400012345;
export const TEST_ADMIN = "ops-admin";

export interface ChatStack {
  readonly emulator: RunningEmulator;
  readonly sandbox: PulumiSandbox;
  readonly programDir: string;
  /** A client of our own for changes "behind Pulumi's back" and for seeding. */
  readonly api: OfficialAccountsApi;
  /** The stack's secret key: must never show up in state or output. */
  readonly secretKey: string;
  /** Everything every pulumi command printed so far. */
  readonly transcript: string[];
  /** Sets the `accounts` config value the program declares resources from. */
  setAccounts(specs: Record<string, Record<string, unknown>>): Promise<void>;
  setConfig(key: string, value: unknown): Promise<void>;
  pulumi(args: string[]): Promise<PulumiRunResult>;
  pulumiOk(args: string[]): Promise<PulumiRunResult>;
  outputs(): Promise<Record<string, unknown>>;
  live(id: string): AccountSnapshot | undefined;
  /** Calls per command since the last reset, from the emulator's counters. */
  calls(command: string): number;
  /** Starts counting calls() from now. */
  resetCalls(): void;
  dispose(): Promise<void>;
}

export async function startChatStack(
  label: string,
  options: {
    emulator?: EmulatorOptions;
    /** A folder under tests/fixtures, or an absolute path to a program folder. */
    program?: string;
    /** Where the sandbox goes instead of `<repo>/.state/` (a program there resolves no repo node_modules). */
    sandboxDir?: string;
  } = {},
): Promise<ChatStack> {
  const secretKey = `test-secret-${randomBytes(12).toString("hex")}`;
  const emulator = await startEmulator({
    sdkAppId: TEST_SDK_APP_ID,
    admin: TEST_ADMIN,
    secretKey,
    control: true,
    ...options.emulator,
  });
  const sandbox = createPulumiSandbox(
    label,
    {
      TENCENTCHAT_SDKAPPID: String(TEST_SDK_APP_ID),
      TENCENTCHAT_IDENTIFIER: TEST_ADMIN,
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    },
    { dir: options.sandboxDir },
  );
  const programDir = path.join(sandbox.dir, "program");
  const program = options.program ?? "accounts-program";
  cpSync(path.isAbsolute(program) ? program : path.join(REPO_ROOT, "tests", "fixtures", program), programDir, {
    recursive: true,
  });
  const transcript: string[] = [];
  const pulumi = async (args: string[]) => {
    const result = await sandbox.run(args, { cwd: programDir });
    // The command line is ours (it carries the key to `config set --secret`); what pulumi printed is checked.
    // --show-secrets asks pulumi to decrypt on purpose: such output is not what a user sees by default.
    const shown = args.includes("--show-secrets") ? "<decrypted on request: not checked>" : result.output;
    transcript.push(`$ pulumi ${args.map((arg) => (arg === secretKey ? "<secret>" : arg)).join(" ")}\n${shown}`);
    return result;
  };
  const pulumiOk = async (args: string[]) => {
    const result = await pulumi(args);
    if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited with ${result.code}:\n${result.output}`);
    return result;
  };
  await pulumiOk(["stack", "init", "test"]);
  await pulumiOk(["config", "set", "tencentchat:endpoint", emulator.url]);
  await pulumiOk(["config", "set", "--secret", "tencentchat:secretKey", secretKey]);

  const api = new OfficialAccountsApi(
    new ChatClient({ sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey, endpoint: emulator.url }),
  );
  let countersBase = emulator.counters();

  // No shell between us and pulumi: JSON with quotes and multi-byte text passes as it is.
  const setConfig = async (key: string, value: unknown) => {
    await pulumiOk(["config", "set", key, typeof value === "string" ? value : JSON.stringify(value)]);
  };

  return {
    emulator,
    sandbox,
    programDir,
    api,
    secretKey,
    transcript,
    setAccounts: (specs) => setConfig("accounts", specs),
    setConfig,
    pulumi,
    pulumiOk,
    async outputs() {
      return JSON.parse((await pulumiOk(["stack", "output", "--json", "--show-secrets"])).stdout);
    },
    live: (id) => emulator.snapshot().accounts.find((a) => a.Official_Account === id),
    calls(command) {
      const now = emulator.counters().commands[command]?.calls ?? 0;
      const before = countersBase.commands[command]?.calls ?? 0;
      return now - before;
    },
    resetCalls() {
      countersBase = emulator.counters();
    },
    async dispose() {
      sandbox.dispose();
      await emulator.close();
    },
  };
}
