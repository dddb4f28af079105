/**
 * `pulumi-tencent-chat call <command> '<json>'`: signs and sends one Chat REST
 * command, with the same settings as the provider (the TENCENTCHAT_* variables,
 * or flags), to the emulator or a live app. Prints the vendor's answer; a
 * failure prints its code, ErrorInfo and the hint for the code, and exits 1.
 * Nothing is retried, so what prints is what the service said.
 */
import { parseArgs } from "node:util";
import { ALL_COMMANDS, commandPath, type CommandName } from "../../chat-api/commands";
import { ChatApiError, ChatClient } from "../chat";
import { CHAT_SETTINGS, resolveChatSettings, type SettingKey, type SettingNaming } from "../behaviour/settings";

/** The flags, one per setting that makes sense on a command line (the key is better in the environment). */
const FLAGS: Readonly<Partial<Record<SettingKey, string>>> = {
  sdkAppId: "sdk-app-id",
  identifier: "identifier",
  secretKey: "secret-key",
  region: "region",
  endpoint: "endpoint",
  allowInsecureHttp: "allow-insecure-http",
};

/** The help text of `pulumi-tencent-chat call`, printed with `--help` and after a usage error. */
export const CALL_USAGE = `usage: pulumi-tencent-chat call <command> ['<json body>'] [--endpoint URL | --region NAME]
                               [--sdk-app-id N] [--identifier ID] [--secret-key KEY]

  call             sign and send one Chat REST command, e.g.
                     call modify_official_account_base_info '{"Official_Account":"@TOA#_news","Introduction":"edited"}'
                   Settings as the provider reads them: ${Object.values(CHAT_SETTINGS)
                     .filter((source) => source.key in FLAGS)
                     .map((source) => source.envVar)
                     .join(", ")},
                   or the flags (prefer the variable for the key: flags show in ps). For the local emulator:
                     TENCENTCHAT_ENDPOINT=http://127.0.0.1:8787 TENCENTCHAT_SDKAPPID=1400000000
                     TENCENTCHAT_IDENTIFIER=administrator TENCENTCHAT_SECRET_KEY=<its demo key: tencentchat-emulator --help>
                   Commands: ${ALL_COMMANDS.join(", ")}.`;

/** Messages name a setting by the flag when the user gave one, else by its variable. */
const FLAG_NAMING: SettingNaming = {
  name: (key) => (FLAGS[key] ? `--${FLAGS[key]}` : CHAT_SETTINGS[key].envVar),
  howToSet: (key) => (FLAGS[key] ? `pass --${FLAGS[key]}` : `set ${CHAT_SETTINGS[key].envVar}`),
};

class CallUsageError extends Error {}

function parseCall(argv: string[]): { command: CommandName; body: unknown; flags: Record<string, string> } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: Object.fromEntries(Object.values(FLAGS).map((flag) => [flag, { type: "string" as const }])),
    });
  } catch (error) {
    throw new CallUsageError((error as Error).message);
  }
  const [command, bodyText, ...extra] = parsed.positionals;
  if (command === undefined) throw new CallUsageError("name the command to send");
  if (extra.length > 0) throw new CallUsageError(`unexpected arguments: ${extra.join(" ")} (quote the JSON body)`);
  if (!(ALL_COMMANDS as readonly string[]).includes(command)) {
    throw new CallUsageError(`"${command}" is not a command this package knows; use one of ${ALL_COMMANDS.join(", ")}`);
  }
  let body: unknown = {};
  if (bodyText !== undefined) {
    try {
      body = JSON.parse(bodyText);
    } catch (error) {
      throw new CallUsageError(`the body is not valid JSON (${(error as Error).message}): ${bodyText.slice(0, 200)}`);
    }
  }
  return { command: command as CommandName, body, flags: parsed.values as Record<string, string> };
}

/** Runs `call`; resolves with the exit code. */
export async function runCallCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let call;
  try {
    call = parseCall(argv);
  } catch (error) {
    if (!(error instanceof CallUsageError)) throw error;
    console.error(`pulumi-tencent-chat call: ${error.message}\n\n${CALL_USAGE}`);
    return 2;
  }
  const byConfigKey = new Map(
    (Object.keys(FLAGS) as SettingKey[]).map((key) => [`tencentchat:${key}`, call.flags[FLAGS[key]!]]),
  );
  let client: ChatClient;
  try {
    const settings = resolveChatSettings((key) => byConfigKey.get(key), env, FLAG_NAMING);
    client = new ChatClient({ ...settings, maxRetries: 0, maxThrottleRetries: 0 });
  } catch (error) {
    console.error(`pulumi-tencent-chat call: ${(error as Error).message}`);
    return 2;
  }
  console.error(
    `POST ${client.baseUrl}${commandPath(call.command)} as ${client.identifier} (SDKAppID ${client.sdkAppId})`,
  );
  try {
    const answer = await client.call(call.command, call.body as never);
    console.log(JSON.stringify(answer, null, 2));
    return 0;
  } catch (error) {
    if (!(error instanceof ChatApiError)) throw error;
    console.log(JSON.stringify({ ActionStatus: "FAIL", ErrorCode: error.code, ErrorInfo: error.info }, null, 2));
    console.error(`${error.code} (${error.meaning}). Hint: ${error.hint}`);
    return 1;
  }
}
