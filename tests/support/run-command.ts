/**
 * Runs a command to completion for a test's set-up (pip, go, npx...). A
 * failure throws with the command line, the folder and everything the command
 * printed, so the test's error says what went wrong.
 */
import { execFileSync } from "node:child_process";

/** Runs `command args` in `cwd` with `env` and returns its stdout; throws with its output when it fails. */
export function runCommand(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync(command, args, {
      cwd,
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024, // go and pip can print a lot
    });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message?: string };
    throw new Error(
      `${command} ${args.join(" ")} failed in ${cwd}:\n${failed.stdout ?? ""}${failed.stderr ?? failed.message ?? ""}`,
    );
  }
}
