#!/usr/bin/env node
/**
 * tencentchat-emulator: runs the emulator until SIGINT/SIGTERM. The first
 * stdout line is always `tencentchat-emulator listening on http://HOST:PORT`
 * so scripts can wait for it; the secret key is never printed.
 */
import { CliUsageError, parseCliArgs, USAGE } from "./cli-args";
import { DEFAULT_ADMIN, DEFAULT_SDK_APP_ID, startEmulator } from "./index";

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
  // Request lines wait until the "listening" line is out, so it is always first.
  let announced = false;
  const pending: string[] = [];
  const log = (line: string): void => {
    if (announced) process.stdout.write(line + "\n");
    else pending.push(line);
  };
  const { options } = command;
  const emulator = await startEmulator({ ...options, log: command.quiet ? undefined : log });
  process.stdout.write(`tencentchat-emulator listening on ${emulator.url}\n`);
  announced = true;
  process.stdout.write(
    `sdkAppId=${options.sdkAppId ?? DEFAULT_SDK_APP_ID} admin=${options.admin ?? DEFAULT_ADMIN} ` +
      `secretKey=(${command.secretKeySource}) state=${options.stateFile ?? "memory"} ` +
      `control=${options.control ? "on" : "off"}\n`,
  );
  for (const line of pending.splice(0)) process.stdout.write(line + "\n");

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`tencentchat-emulator stopping (${signal})\n`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`tencentchat-emulator: error while stopping: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`tencentchat-emulator: ${(error as Error).message}\n`);
  process.exit(1);
});
