/**
 * The self-contained `tencentchat-emulator` executable from its release
 * archive, started the way a Python or YAML user rehearses without Node.js:
 * unpacked into a folder, run with the given PATH, on port 0, with the control
 * API on (tests read its state through `GET /__emulator/state`).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import * as path from "node:path";
import type { EmulatorStateSnapshot } from "../../emulator";

export interface ReleaseEmulator {
  readonly url: string;
  /** The executable that runs (inside the unpacked archive). */
  readonly executable: string;
  state(): Promise<EmulatorStateSnapshot>;
  close(): Promise<void>;
}

export interface ReleaseEmulatorOptions {
  readonly archive: string;
  /** Where to unpack it. */
  readonly dir: string;
  readonly sdkAppId: number;
  readonly identifier: string;
  readonly secretKey: string;
  readonly importUsers: readonly string[];
  /** The environment it runs in (the tests' no-Node PATH). */
  readonly env: NodeJS.ProcessEnv;
}

const STARTUP_TIMEOUT_MS = 60_000;

export async function startReleaseEmulator(options: ReleaseEmulatorOptions): Promise<ReleaseEmulator> {
  mkdirSync(options.dir, { recursive: true });
  execFileSync("tar", ["-xzf", options.archive, "-C", options.dir]);
  const executable = path.join(options.dir, "tencentchat-emulator");
  const child = spawn(
    executable,
    [
      "--port=0",
      `--sdk-app-id=${options.sdkAppId}`,
      `--identifier=${options.identifier}`,
      `--import-users=${options.importUsers.join(",")}`,
      "--control",
      "--quiet",
    ],
    // The key through its variable, as the CLI's help advises (flags show in ps).
    { env: { ...options.env, TENCENTCHAT_EMULATOR_SECRET_KEY: options.secretKey }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const url = await listeningUrl(child);
  return {
    url,
    executable,
    async state() {
      const response = await fetch(`${url}/__emulator/state`);
      if (!response.ok) throw new Error(`GET /__emulator/state answered ${response.status}`);
      return (await response.json()) as EmulatorStateSnapshot;
    },
    close: () => stop(child),
  };
}

/** Waits for the CLI's first line, `tencentchat-emulator listening on http://HOST:PORT`. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the emulator executable printed no URL in ${STARTUP_TIMEOUT_MS} ms:\n${output}`));
    }, STARTUP_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator executable exited with ${code} before listening:\n${output}`));
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
