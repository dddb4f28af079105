/**
 * Turns the CLI's flags (and TENCENTCHAT_EMULATOR_SECRET_KEY) into
 * EmulatorOptions, with a message naming the flag when one is wrong.
 */
import { parseArgs } from "node:util";
import { ALL_COMMANDS, serviceOf } from "../chat-api/commands";
import { DOCUMENTED_CALLS_PER_SECOND } from "../chat-api/limits";
import { CONFIG_NAMESPACE, SETTING_ENV_VARS } from "../chat-api/setting-variables";
import { CONTROL_API_SUMMARY } from "./control";
import {
  DEFAULT_ACCOUNT_QUOTA,
  DEFAULT_CLI_PORT,
  DEFAULT_HOST,
  DEFAULT_IDENTIFIER,
  DEFAULT_SDK_APP_ID,
  DEFAULT_SECRET_KEY,
  TRIAL_ACCOUNT_QUOTA,
} from "./defaults";
import { validateFaults, type FaultOptions } from "./faults";
import type { EmulatorOptions } from "./options";

/** The environment variable the CLI reads the secret key from (safer than `--secret-key`, which `ps` shows). */
export const SECRET_KEY_ENV = "TENCENTCHAT_EMULATOR_SECRET_KEY";
/** Where control commands find the emulator unless `--url` says otherwise: the provider's own endpoint setting. */
const ENDPOINT_ENV = SETTING_ENV_VARS.endpoint;
const DEFAULT_URL = `http://${DEFAULT_HOST}:${DEFAULT_CLI_PORT}`;

/** The control commands: each one request to a running emulator's control API. */
const CONTROL_COMMANDS = {
  "import-users": { args: "<user,...>", does: "import Chat users (owners and subscribers must be imported)" },
  "put-account": {
    args: "<id> '<json>'",
    does: 'create or replace an account, e.g. \'{"Owner_Account":"newsroom","Name":"News"}\'',
  },
  "patch-account": {
    args: "<id> '<json>'",
    does: 'change fields behind Pulumi\'s back, e.g. \'{"Introduction":"edited"}\'',
  },
  state: { args: "", does: "print users, accounts and subscriptions" },
} as const;
/** The name of a control command, e.g. `import-users`. */
export type ControlCommandName = keyof typeof CONTROL_COMMANDS;

/**
 * The flags of a run, written once: the parser reads their types from here and `--help` their text
 * (`args` and one string per line of `does`). A flag without `does` is an older name, still read
 * but no longer shown.
 */
const RUN_FLAGS = {
  port: { type: "string", args: "<n>", does: [`TCP port; 0 picks a free one (default ${DEFAULT_CLI_PORT})`] },
  host: { type: "string", args: "<addr>", does: [`interface to listen on (default ${DEFAULT_HOST})`] },
  "sdk-app-id": { type: "string", args: "<n>", does: [`SDKAppID callers must use (default ${DEFAULT_SDK_APP_ID})`] },
  "secret-key": {
    type: "string",
    args: "<key>",
    does: [
      `key UserSigs are verified with (default: $${SECRET_KEY_ENV},`,
      "else a fixed demo key); prefer the variable: flags show in ps",
    ],
  },
  identifier: { type: "string", args: "<id>", does: [`the app admin callers sign as (default ${DEFAULT_IDENTIFIER})`] },
  "state-file": {
    type: "string",
    args: "<path>",
    does: ["keep state in this JSON file across restarts (default: memory)"],
  },
  "rate-limit": {
    type: "string",
    args: "<n>",
    does: [`calls per second per command before 60007; 0 = off (default ${DOCUMENTED_CALLS_PER_SECOND})`],
  },
  faults: {
    type: "string",
    args: "<spec>",
    does: [
      "fault injection, e.g. transient=0.1,throttle=0.05,http502=0.03,",
      "drop=0.05,latencyMs=20,latencyJitterMs=10,commands=a+b",
    ],
  },
  "import-users": { type: "string", args: "<ids>", does: ["comma-separated Chat users (UserIDs) to import at start"] },
  "account-quota": {
    type: "string",
    args: "<n>",
    does: [
      `official accounts allowed before 130010 (default ${DEFAULT_ACCOUNT_QUOTA});`,
      `"trial" = ${TRIAL_ACCOUNT_QUOTA}, the vendor's trial plan`,
    ],
  },
  "return-max-subscriber-num": {
    type: "boolean",
    args: "",
    does: [
      "return MaxSubscriberNum from get_official_account_info",
      "(the vendor documents no such field there; default off)",
    ],
  },
  control: { type: "boolean", args: "", does: ["serve the control API under /__emulator/"] },
  quiet: { type: "boolean", args: "", does: ["do not log one line per request"] },
  "pid-file": { type: "string", args: "<path>", does: ["write the process id here; removed on exit"] },
  "allow-public-demo-key": {
    type: "boolean",
    args: "",
    does: ["serve a non-loopback --host with the public demo key anyway"],
  },
  help: { type: "boolean", short: "h", args: "", does: ["show this help"] },
  // The older names of --identifier and --import-users.
  admin: { type: "string" },
  "import-accounts": { type: "string" },
} as const satisfies Record<
  string,
  { type: "string" | "boolean"; short?: string; args?: string; does?: readonly string[] }
>;

const column = (text: string, width: number) => text.padEnd(width);
/** The width of `--help`'s flag column; a longer flag puts its text on the next line. */
const FLAG_TEXT_COLUMN = 25;

/** `--help`'s lines for the flags `RUN_FLAGS` shows. */
function flagHelp(): string {
  return Object.entries(RUN_FLAGS)
    .flatMap(([name, flag]) => {
      if (!("does" in flag)) return [];
      const short = "short" in flag ? `-${flag.short}, ` : "";
      const usage = `${short}--${name} ${flag.args}`.trimEnd();
      const [first, ...more] = flag.does;
      const lines =
        usage.length < FLAG_TEXT_COLUMN
          ? [`  ${column(usage, FLAG_TEXT_COLUMN)}${first}`]
          : [`  ${usage}`, `  ${column("", FLAG_TEXT_COLUMN)}${first}`];
      return [...lines, ...more.map((line) => `  ${column("", FLAG_TEXT_COLUMN)}${line}`)];
    })
    .join("\n");
}

/** The `--help` text, also printed after a usage error. */
export const USAGE = `Usage: tencentchat-emulator [options]              serve the API until SIGINT/SIGTERM
       tencentchat-emulator <control command> [--url URL]

A local Tencent Cloud Chat REST API for official accounts. Callers sign with
SDKAppID ${DEFAULT_SDK_APP_ID}, identifier ${DEFAULT_IDENTIFIER} and, unless --secret-key or
$${SECRET_KEY_ENV} sets another, the public demo key
  ${DEFAULT_SECRET_KEY}
Point the provider at it: ${CONFIG_NAMESPACE}:endpoint http://${DEFAULT_HOST}:PORT (the first line printed).

Options:
${flagHelp()}

It stops on SIGINT and SIGTERM, and when the npm process that started it
(npx, npm run, npm exec) exits.

Commands it serves (POST /v4/<service>/<command>?sdkappid=&identifier=&usersig=&random=&contenttype=json):
${ALL_COMMANDS.map((command) => `  ${serviceOf(command)}/${command}`).join("\n")}
Send one by hand, signed with the same settings as the provider (TENCENTCHAT_* variables or flags):
  npx pulumi-tencent-chat call <command> '<json body>'

Control API (with --control; plain JSON, no signature):
${CONTROL_API_SUMMARY.map(([request, does]) => `  ${column(request, 34)} ${does}`).join("\n")}

Control commands (the emulator must run with --control; --url defaults to
$${ENDPOINT_ENV}, else ${DEFAULT_URL}):
${Object.entries(CONTROL_COMMANDS)
  .map(([name, command]) => `  ${column(`${name} ${command.args}`, 34)} ${command.does}`)
  .join("\n")}
`;

/** What the command line asks for: help, a running emulator, or one control command. */
type CliCommand =
  | { readonly kind: "help" }
  | {
      readonly kind: "run";
      /** The options to start the emulator with. */
      readonly options: EmulatorOptions;
      /** No line per request. */
      readonly quiet: boolean;
      /** Where the key came from; `undefined` for the public demo key, which may be printed. */
      readonly secretKeySource: string | undefined;
      /** Where to write the process id, if anywhere. */
      readonly pidFile: string | undefined;
    }
  | {
      readonly kind: "control";
      /** The control command. */
      readonly command: ControlCommandName;
      /** The running emulator's base URL. */
      readonly url: string;
      /** The command's positional arguments. */
      readonly args: readonly string[];
    };

/** A command line the CLI cannot run; its message names the flag or argument and what it needs. */
export class CliUsageError extends Error {}

function integer(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new CliUsageError(`--${flag} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/** Parses `transient=0.1,latencyMs=20,commands=a+b` into fault options. */
export function parseFaultSpec(spec: string): FaultOptions {
  const raw: Record<string, unknown> = {};
  for (const part of spec
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new CliUsageError(`--faults: expected key=value, got ${JSON.stringify(part)}`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "commands") raw.commands = value.split("+").filter(Boolean);
    else {
      const n = Number(value);
      if (value === "" || !Number.isFinite(n))
        throw new CliUsageError(`--faults: ${key} needs a number, got ${JSON.stringify(value)}`);
      raw[key] = n;
    }
  }
  try {
    return validateFaults(raw);
  } catch (error) {
    throw new CliUsageError(`--faults: ${(error as Error).message}`);
  }
}

/** A host only this machine can reach: `localhost`, `127.x.x.x` or `::1` (also as `[::1]`, as a URL writes it). */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function parseControlArgs(name: ControlCommandName, argv: string[], env: NodeJS.ProcessEnv): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, strict: true, allowPositionals: true, options: { url: { type: "string" } } });
  } catch (error) {
    throw new CliUsageError(`${name}: ${(error as Error).message}`);
  }
  const wanted = CONTROL_COMMANDS[name].args.split(" ").filter(Boolean).length;
  if (parsed.positionals.length !== wanted) {
    throw new CliUsageError(`${name} takes ${CONTROL_COMMANDS[name].args || "no arguments"}`);
  }
  const url = (parsed.values.url ?? env[ENDPOINT_ENV] ?? DEFAULT_URL).replace(/\/+$/, "");
  return { kind: "control", command: name, url, args: parsed.positionals };
}

/** Reads the CLI's arguments (and `TENCENTCHAT_*` variables); throws {@link CliUsageError} naming what is wrong. */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliCommand {
  if (argv[0] !== undefined && Object.hasOwn(CONTROL_COMMANDS, argv[0])) {
    return parseControlArgs(argv[0] as ControlCommandName, argv.slice(1), env);
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: RUN_FLAGS,
    }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  if (values.help) return { kind: "help" };
  const options: { -readonly [K in keyof EmulatorOptions]: EmulatorOptions[K] } = {
    port: values.port === undefined ? DEFAULT_CLI_PORT : integer("port", values.port, 0, 65535),
    host: values.host ?? DEFAULT_HOST,
    control: values.control ?? false,
  };
  if (values["sdk-app-id"] !== undefined) {
    options.sdkAppId = integer("sdk-app-id", values["sdk-app-id"], 1, Number.MAX_SAFE_INTEGER);
  }
  let secretKeySource: string | undefined;
  if (values["secret-key"] !== undefined) {
    if (!values["secret-key"]) throw new CliUsageError("--secret-key must not be empty");
    options.secretKey = values["secret-key"];
    secretKeySource = "--secret-key";
  } else if (env[SECRET_KEY_ENV]) {
    options.secretKey = env[SECRET_KEY_ENV];
    secretKeySource = SECRET_KEY_ENV;
  }
  const identifier = values.identifier ?? values.admin;
  if (identifier !== undefined) {
    if (!identifier)
      throw new CliUsageError(`--${values.identifier === undefined ? "admin" : "identifier"} must not be empty`);
    options.identifier = identifier;
  }
  if (values["state-file"]) options.stateFile = values["state-file"];
  if (values["rate-limit"] !== undefined) {
    options.rateLimitPerSecond = integer("rate-limit", values["rate-limit"], 0, 1_000_000);
  }
  if (values.faults !== undefined) options.faults = parseFaultSpec(values.faults);
  const importUsers = [values["import-users"], values["import-accounts"]].filter((list) => list !== undefined);
  if (importUsers.length > 0) {
    options.importUsers = importUsers.flatMap((list) =>
      list
        .split(",")
        .map((user) => user.trim())
        .filter(Boolean),
    );
  }
  if (values["account-quota"] !== undefined) {
    const quota = values["account-quota"];
    options.accountQuota =
      quota === "trial" ? TRIAL_ACCOUNT_QUOTA : integer("account-quota", quota, 0, Number.MAX_SAFE_INTEGER);
  }
  if (values["return-max-subscriber-num"]) options.returnMaxSubscriberNum = true;
  // The demo key is printed in --help and the README: on an interface others can reach, it protects nothing.
  if (secretKeySource === undefined && !isLoopbackHost(options.host!) && !values["allow-public-demo-key"]) {
    throw new CliUsageError(
      `--host ${options.host} lets other machines call the emulator, and the demo key is public: ` +
        `set your own key with $${SECRET_KEY_ENV} (or --secret-key), or pass --allow-public-demo-key.`,
    );
  }
  if (values["pid-file"] === "") throw new CliUsageError("--pid-file needs a path");
  return {
    kind: "run",
    options,
    quiet: values.quiet ?? false,
    secretKeySource,
    pidFile: values["pid-file"],
  };
}
