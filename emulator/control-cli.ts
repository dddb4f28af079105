/**
 * The CLI's control commands: one request each to a running emulator's
 * control API (`import-users`, `put-account`, `patch-account`, `state`), so a
 * drift rehearsal is one command. Prints the answer as JSON; a refusal exits 1
 * with the emulator's message.
 */
import { CONTROL_PREFIX } from "./control";
import type { ControlCommandName } from "./cli-args";
import { CliUsageError } from "./cli-args";

function jsonArgument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`the JSON body is not valid JSON (${(error as Error).message}): ${text.slice(0, 200)}`);
  }
}

/** The method, path and body of a control command. */
function controlRequest(
  command: ControlCommandName,
  args: readonly string[],
): { method: string; path: string; body?: unknown } {
  const account = (id: string) => `${CONTROL_PREFIX}accounts/${encodeURIComponent(id)}`;
  switch (command) {
    case "import-users":
      return {
        method: "POST",
        path: `${CONTROL_PREFIX}users`,
        body: {
          users: args[0]
            .split(",")
            .map((user) => user.trim())
            .filter(Boolean),
        },
      };
    case "put-account":
      return { method: "PUT", path: account(args[0]), body: jsonArgument(args[1]) };
    case "patch-account":
      return { method: "PATCH", path: account(args[0]), body: jsonArgument(args[1]) };
    case "state":
      return { method: "GET", path: `${CONTROL_PREFIX}state` };
  }
}

/** Sends the command to `url`; resolves with the exit code after printing the answer. */
export async function runControlCommand(
  command: ControlCommandName,
  url: string,
  args: readonly string[],
): Promise<number> {
  const request = controlRequest(command, args);
  let response: Response;
  try {
    response = await fetch(url + request.path, {
      method: request.method,
      headers: { "Content-Type": "application/json" },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    process.stderr.write(
      `tencentchat-emulator ${command}: no emulator answers at ${url} (${cause}). ` +
        `Start one with --control, or give its URL with --url.\n`,
    );
    return 1;
  }
  const text = await response.text();
  if (response.ok) {
    process.stdout.write(JSON.stringify(JSON.parse(text), null, 2) + "\n");
    return 0;
  }
  let message = text;
  try {
    message = (JSON.parse(text) as { error?: string }).error ?? text;
  } catch {
    // not JSON: not our emulator, or a proxy; show what came back
  }
  process.stderr.write(`tencentchat-emulator ${command}: ${url} answered ${response.status}: ${message}\n`);
  return 1;
}
