/**
 * A TypeScript, Python or Go program from examples/ wired to an emulator the
 * way a user would run it, outside the repo: the package from `npm pack`
 * installed into the program's folder, and from it the SDK (its
 * `pulumi-tencent-chat/native`, type-checked as `pulumi up` does, for
 * TypeScript; its sdk/python pip-installed into a virtualenv for Python; a
 * replace directive into its sdk/ for Go), the language host from
 * scripts/ensure-language-host.sh (Node's comes with the CLI), the plugin installed by
 * `npx pulumi-tencent-chat install-plugin` into the stack's PULUMI_HOME (none on
 * PATH, so the engine must find the version the SDK names), and the provider
 * settings in stack config (the secret key as a secret), read by the
 * program's explicit provider. A TypeScript program runs on the project's
 * Node (program-node.ts puts it first on PATH: the system's may be older),
 * and every pulumi command checks that each Node it started is one the
 * package supports, and that up and preview ran the program on one.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { AccountSnapshot, RunningEmulator } from "../../emulator";
import { createPulumiSandbox, pulumiBinDir, REPO_ROOT, type PulumiSandbox } from "../../scripts/pulumi-runner";
import { startLocalChat } from "../../scripts/support/local-chat";
import { installPacked, repoVersionOf } from "./packed-install";
import { runCommand } from "./run-command";
import { initStackWithSettings, throwingOnFailure, type PulumiCommand, type UserStack } from "./user-stack";
import { programNodeBinDir, runsProgram, startNodeProbe, type NodeProbe, type ProgramNode } from "./program-node";

export type ProgramLanguage = "typescript" | "python" | "go";

export const LANGUAGE_SDK_APP_ID = 1400067890;
export const LANGUAGE_IDENTIFIER = "ops-admin";
/** The owner the example programs use when the stack sets none. */
export const EXAMPLE_OWNER = "newsroom";

/** The module path sdk/go.mod declares. */
export function goSdkModule(): string {
  const goMod = readFileSync(path.join(REPO_ROOT, "sdk", "go.mod"), "utf8");
  return /^module (\S+)$/m.exec(goMod)![1];
}

export interface LanguageStack extends UserStack {
  readonly language: ProgramLanguage;
  readonly emulator: RunningEmulator;
  /** Everything every pulumi command printed so far, for the leak checks. */
  readonly transcript: string[];
  live(id: string): AccountSnapshot | undefined;
  /** Every Node process the pulumi commands started so far (TypeScript programs; empty for Python and Go). */
  programNodes(): ProgramNode[];
}

/** The folder(s) holding the language host, built and cached on first use (Node's is beside the CLI). */
function languageHostDir(language: ProgramLanguage): string {
  if (language === "typescript") return pulumiBinDir();
  const out = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "ensure-language-host.sh"), language], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return out.trim().split("\n").pop()!;
}

/**
 * A fresh virtualenv with the SDK installed the way the README says
 * (`pip install ./node_modules/pulumi-tencent-chat/sdk/python`); its dependency
 * `pulumi` comes from PyPI. Returns what activates it, as `source venv/bin/activate` does.
 */
function pythonVirtualenv(dir: string, sdkDir: string): { venv: string; bin: string } {
  const venv = path.join(dir, "venv");
  runCommand("python3", ["-m", "venv", venv], dir);
  const bin = path.join(venv, "bin");
  runCommand(path.join(bin, "pip"), ["install", "--quiet", "--disable-pip-version-check", sdkDir], dir);
  return { venv, bin };
}

/**
 * Copies the example into the sandbox and installs what a user would; returns the program's folder and the
 * environment its pulumi commands need.
 */
async function installProgram(
  language: ProgramLanguage,
  sandbox: PulumiSandbox,
): Promise<{ programDir: string; env: NodeJS.ProcessEnv }> {
  const programDir = path.join(sandbox.dir, "program");
  cpSync(path.join(REPO_ROOT, "examples", language), programDir, { recursive: true });

  // In every language the package comes from npm (here `npm pack`): it brings the plugin and the SDKs.
  // A TypeScript project also has what `pulumi new typescript` installs.
  const extras =
    language === "typescript" ? ["typescript", "@types/node"].map((name) => `${name}@${repoVersionOf(name)}`) : [];
  await installPacked(programDir, extras);
  const installedSdk = (sdk: string) => path.join("node_modules", "pulumi-tencent-chat", "sdk", sdk);

  const extraPath = [languageHostDir(language)];
  const env: NodeJS.ProcessEnv = {};
  if (language === "python") {
    // The v3.68 host finds `pulumi` only in an activated virtualenv: VIRTUAL_ENV set, its bin first on PATH.
    const { venv, bin } = pythonVirtualenv(sandbox.dir, path.join(programDir, installedSdk("python")));
    extraPath.unshift(bin);
    env.VIRTUAL_ENV = venv;
  } else if (language === "go") {
    // The replace directive the README gives, into the installed package (the module is rooted at its sdk/).
    runCommand("go", ["mod", "edit", `-replace=${goSdkModule()}=./${installedSdk("")}`], programDir);
  }
  // The plugin only where the documented install command puts it: no pulumi-resource-tencentchat on PATH.
  const sandboxPath = (sandbox.env.PATH ?? pulumiBinDir())
    .split(path.delimiter)
    .filter((dir) => dir && !existsSync(path.join(dir, "pulumi-resource-tencentchat")));
  // The TypeScript program runs on the project's Node: the dropped node_modules/.bin held it, and the
  // system's node further down PATH may be older than the package supports.
  const nodeBin = language === "typescript" ? [programNodeBinDir()] : [];
  env.PATH = [...nodeBin, ...extraPath, ...sandboxPath].join(path.delimiter);
  // As the README says, from the user's project: the package's dependencies are hoisted beside it there.
  runCommand("npx", ["--no-install", "pulumi-tencent-chat", "install-plugin"], programDir, {
    ...process.env,
    PULUMI_HOME: sandbox.env.PULUMI_HOME,
  });

  return { programDir, env };
}

export async function startLanguageStack(language: ProgramLanguage, label: string): Promise<LanguageStack> {
  const { emulator, secretKey, settings, api } = await startLocalChat("test-secret", {
    sdkAppId: LANGUAGE_SDK_APP_ID,
    identifier: LANGUAGE_IDENTIFIER,
    importUsers: [EXAMPLE_OWNER],
  });
  // The sandbox's own PATH (CLI, node_modules/.bin with the tencentchat plugin), behind the host and venv.
  // Outside the repo, so nothing resolves from the repo's node_modules or sdk/.
  const sandbox = createPulumiSandbox(label, {}, { dir: mkdtempSync(path.join(tmpdir(), `tencentchat-${label}-`)) });
  // A failed install leaves no folder in /tmp and no emulator running.
  const { programDir, env } = await installProgram(language, sandbox).catch(async (error: unknown) => {
    sandbox.dispose();
    await emulator.close();
    throw error;
  });

  const probe: NodeProbe | undefined = language === "typescript" ? startNodeProbe(sandbox.dir) : undefined;
  const commandEnv = { ...env, ...probe?.env };
  const transcript: string[] = [];
  const pulumi: PulumiCommand = async (args) => {
    const result = await sandbox.run(args, { cwd: programDir, env: commandEnv });
    probe?.check(args.join(" "), { programRan: result.code === 0 && runsProgram(args) });
    transcript.push(
      `$ pulumi ${args.map((arg) => (arg === secretKey ? "<secret>" : arg)).join(" ")}\n${result.output}`,
    );
    return result;
  };
  const pulumiOk = throwingOnFailure(pulumi);
  await initStackWithSettings(pulumiOk, "", settings);

  return {
    language,
    emulator,
    sandbox,
    programDir,
    api,
    secretKey,
    transcript,
    pulumi,
    pulumiOk,
    async outputs() {
      return JSON.parse((await pulumiOk(["stack", "output", "--json"])).stdout);
    },
    live: (id) => emulator.snapshot().accounts.find((account) => account.Official_Account === id),
    programNodes: () => probe?.nodes() ?? [],
    async dispose() {
      sandbox.dispose();
      await emulator.close();
    },
  };
}
