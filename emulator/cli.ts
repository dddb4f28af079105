#!/usr/bin/env node
/**
 * tencentchat-emulator: runs the emulator until SIGINT/SIGTERM (or until the
 * npm that started it exits), or sends one control command to a running one.
 * The first stdout line of a run is always
 * `tencentchat-emulator listening on http://HOST:PORT` so scripts can wait for
 * it; a key of the user's own is never printed (the public demo key is).
 */
import { rmSync, writeFileSync } from "node:fs";
import { CliUsageError, isLoopbackHost, parseCliArgs, USAGE } from "./cli-args";
import { runControlCommand } from "./control-cli";
import { DEFAULT_IDENTIFIER, DEFAULT_SDK_APP_ID, DEFAULT_SECRET_KEY } from "./defaults";
import { startEmulator } from "./index";
import { watchLaunchingNpm } from "./parent-watch";

async function main(): Promise<void> {
  let command;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`tencentchat-emulator: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (command.kind === "help") {
    process.stdout.write(USAGE);
    return;
  }
  if (command.kind === "control") {
    try {
      process.exitCode = await runControlCommand(command.command, command.url, command.args);
    } catch (error) {
      if (!(error instanceof CliUsageError)) throw error;
      process.stderr.write(`tencentchat-emulator ${command.command}: ${error.message}\n`);
      process.exitCode = 2;
    }
    return;
  }
  const launchingNpm = watchLaunchingNpm();
  // Request lines wait until the "listening" line is out, so it is always first.
  let announced = false;
  const pending: string[] = [];
  const log = (line: string): void => {
    if (announced) process.stdout.write(line + "\n");
    else pending.push(line);
  };
  const { options, pidFile } = command;
  const emulator = await startEmulator({ ...options, log: command.quiet ? undefined : log });
  if (pidFile) writeFileSync(pidFile, `${process.pid}\n`);
  process.stdout.write(`tencentchat-emulator listening on ${emulator.url}\n`);
  announced = true;
  const key =
    command.secretKeySource === undefined
      ? `${DEFAULT_SECRET_KEY} (the public demo key)`
      : `(${command.secretKeySource})`;
  process.stdout.write(
    `sdkAppId=${options.sdkAppId ?? DEFAULT_SDK_APP_ID} identifier=${options.identifier ?? DEFAULT_IDENTIFIER} ` +
      `secretKey=${key} state=${options.stateFile ?? "memory"} control=${options.control ? "on" : "off"}\n`,
  );
  if (!isLoopbackHost(new URL(emulator.url).hostname)) {
    process.stderr.write(
      `tencentchat-emulator: warning: listening on ${emulator.url}, reachable from other machines` +
        (command.secretKeySource === undefined ? " with the public demo key\n" : "\n"),
    );
  }
  for (const line of pending.splice(0)) process.stdout.write(line + "\n");

  let stopping = false;
  const stop = (why: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`tencentchat-emulator stopping (${why})\n`);
    emulator.close().then(
      () => {
        if (pidFile) rmSync(pidFile, { force: true });
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`tencentchat-emulator: error while stopping: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  // Once the npm that started it is gone, nobody may read stdout any more: a failed write must not crash the stop.
  process.stdout.on("error", () => undefined);
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGHUP", () => stop("SIGHUP"));
  launchingNpm?.onGone(() => stop("the npm process that started it exited"));
}

main().catch((error: unknown) => {
  process.stderr.write(`tencentchat-emulator: ${(error as Error).message}\n`);
  process.exit(1);
});
