/**
 * A stack run the way a user without Node.js runs it: an example program
 * copied out of the repo, a PATH with no `node` or `npm` (the CLI, the
 * language host and what the test adds, then the system's other tools), an
 * empty plugin cache (PULUMI_HOME private to the stack), the release's
 * self-contained emulator executable as the Chat API, and the release folder
 * served on 127.0.0.1 with PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES sending the
 * engine's plugin downloads there instead of the project's GitHub releases.
 */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import { ChatClient, OfficialAccountsApi } from "../../provider/chat";
import type { AccountSnapshot } from "../../emulator";
import { PLUGIN_DOWNLOAD_URL } from "../../provider/native/schema";
import { createPulumiSandbox, pulumiBinDir, REPO_ROOT } from "../../scripts/pulumi-runner";
import { nodelessPath, nodelessToolShelf } from "./no-node-environment";
import { HOST_PLATFORM, hostRelease, type ReleaseBuild } from "./release-artifacts";
import { startReleaseEmulator, type ReleaseEmulator } from "./release-emulator";
import { serveRelease, type ReleaseServer } from "./release-server";
import { runCommand } from "./run-command";
import { initStackWithSettings, throwingOnFailure, type UserStack } from "./user-stack";

export const NO_NODE_SDK_APP_ID = 1400076543;
export const NO_NODE_IDENTIFIER = "ops-admin";

/** What a suite installs into the user's environment before the first `pulumi` command. */
export interface UserInstall {
  /** Folders put first on PATH (a virtualenv's bin, the language host). */
  readonly front: string[];
  /** Variables the user's shell has set (VIRTUAL_ENV, GOPROXY...). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface UserInstallContext {
  readonly release: ReleaseBuild;
  readonly sandboxDir: string;
  readonly programDir: string;
  /** The user's environment so far: the system's tools without Node.js. */
  readonly baseEnv: NodeJS.ProcessEnv;
  /** Runs a command in the user's environment (so an install that needed node would fail), `front` first on PATH. */
  run(command: string, args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; front?: string[] }): string;
}

export interface NoNodeStackOptions {
  readonly label: string;
  /** The example folder under examples/. */
  readonly example: "python" | "go" | "yaml";
  /** The namespace of the provider settings in stack config: "" for a program's own keys, "tencentchat:". */
  readonly configPrefix: string;
  readonly importUsers: readonly string[];
  install(context: UserInstallContext): Promise<UserInstall> | UserInstall;
}

export interface NoNodeStack extends UserStack {
  readonly release: ReleaseBuild;
  readonly emulator: ReleaseEmulator;
  readonly releaseServer: ReleaseServer;
  /** The user's whole environment, as every pulumi command of this stack gets it. */
  readonly env: NodeJS.ProcessEnv;
  /** `$PULUMI_HOME/plugins`, where the engine installs plugins. */
  readonly pluginCache: string;
  live(id: string): Promise<AccountSnapshot | undefined>;
}

/** The override that sends downloads of the tencentchat plugin (and nothing else) to `url`. */
export function downloadOverride(url: string): string {
  return `^${PLUGIN_DOWNLOAD_URL.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$=${url}`;
}

export async function startNoNodeStack(options: NoNodeStackOptions): Promise<NoNodeStack> {
  const release = await hostRelease();
  const secretKey = `no-node-secret-${randomBytes(12).toString("hex")}`;
  const sandbox = createPulumiSandbox(
    options.label,
    {},
    {
      dir: mkdtempSync(path.join(tmpdir(), `tencentchat-${options.label}-`)),
    },
  );
  const cleanups: (() => Promise<void> | void)[] = [() => sandbox.dispose()];
  const dispose = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const shelf = nodelessToolShelf(path.join(sandbox.dir, "system-tools"));
    const baseEnv: NodeJS.ProcessEnv = {
      HOME: process.env.HOME,
      LANG: "C.UTF-8",
      TMPDIR: tmpdir(),
      PATH: nodelessPath([], shelf),
    };

    const emulator = await startReleaseEmulator({
      archive: release.emulatorArchive(HOST_PLATFORM.os, HOST_PLATFORM.arch),
      dir: path.join(sandbox.dir, "emulator"),
      sdkAppId: NO_NODE_SDK_APP_ID,
      identifier: NO_NODE_IDENTIFIER,
      secretKey,
      importUsers: options.importUsers,
      env: baseEnv,
    });
    cleanups.push(() => emulator.close());
    const releaseServer = await serveRelease(release.dir);
    cleanups.push(() => releaseServer.close());

    const programDir = path.join(sandbox.dir, "program");
    cpSync(path.join(REPO_ROOT, "examples", options.example), programDir, { recursive: true });
    const installed = await options.install({
      release,
      sandboxDir: sandbox.dir,
      programDir,
      baseEnv,
      run: (command, args, runOptions = {}) =>
        runCommand(command, args, runOptions.cwd ?? programDir, {
          ...baseEnv,
          ...runOptions.env,
          PATH: nodelessPath(runOptions.front ?? [], shelf),
        }),
    });

    const env: NodeJS.ProcessEnv = {
      ...baseEnv,
      ...installed.env,
      PATH: nodelessPath([...installed.front, ...pulumiBinDir().split(path.delimiter)], shelf),
      PULUMI_HOME: sandbox.env.PULUMI_HOME,
      PULUMI_BACKEND_URL: sandbox.env.PULUMI_BACKEND_URL,
      PULUMI_CONFIG_PASSPHRASE: sandbox.env.PULUMI_CONFIG_PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
      NO_COLOR: "1",
      PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: downloadOverride(releaseServer.url),
    };
    // The sandbox spreads this process's environment (its PATH has node): the user's replaces it whole.
    for (const key of Object.keys(sandbox.env)) delete sandbox.env[key];
    Object.assign(sandbox.env, env);

    const pulumi = (args: string[]) => sandbox.run(args, { cwd: programDir, env });
    const pulumiOk = throwingOnFailure(pulumi);
    const settings = {
      sdkAppId: NO_NODE_SDK_APP_ID,
      identifier: NO_NODE_IDENTIFIER,
      secretKey,
      endpoint: emulator.url,
    };
    await initStackWithSettings(pulumiOk, options.configPrefix, settings);
    const api = new OfficialAccountsApi(new ChatClient(settings));
    return {
      release,
      emulator,
      releaseServer,
      sandbox,
      programDir,
      env,
      api,
      secretKey,
      pluginCache: path.join(sandbox.env.PULUMI_HOME!, "plugins"),
      pulumi,
      pulumiOk,
      async outputs() {
        return JSON.parse((await pulumiOk(["stack", "output", "--json", "--show-secrets"])).stdout);
      },
      async live(id) {
        return (await emulator.state()).accounts.find((account) => account.Official_Account === id);
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
