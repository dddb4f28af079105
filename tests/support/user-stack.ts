/**
 * What the stacks of a user's program share (language-stack.ts: an example
 * installed from `npm pack`; no-node-stack.ts: an example run without
 * Node.js): the members a test uses, `pulumiOk` made from `pulumi`, and the
 * provider settings set in stack config the way the README tells a user.
 */
import type { OfficialAccountsApi } from "../../provider/chat";
import type { PulumiRunResult, PulumiSandbox } from "../../scripts/pulumi-runner";

/** A Pulumi command of one stack: `pulumi <args>` in the program's folder. */
export type PulumiCommand = (args: string[]) => Promise<PulumiRunResult>;

/** A user's program in a stack of its own, with the Chat app it is configured for. */
export interface UserStack {
  readonly sandbox: PulumiSandbox;
  readonly programDir: string;
  /** A signed client of our own, for changes behind Pulumi's back. */
  readonly api: OfficialAccountsApi;
  /** The stack's secret key: must never show up in state or output. */
  readonly secretKey: string;
  /** Runs `pulumi <args>`; never throws on a non-zero exit. */
  pulumi: PulumiCommand;
  /** Like pulumi, but throws with the output on a non-zero exit. */
  pulumiOk: PulumiCommand;
  /** `pulumi stack output --json`, parsed. */
  outputs(): Promise<Record<string, unknown>>;
  dispose(): Promise<void>;
}

/** `pulumi` that throws with the command's output when it exits non-zero. */
export function throwingOnFailure(pulumi: PulumiCommand): PulumiCommand {
  return async (args) => {
    const result = await pulumi(args);
    if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited with ${result.code}:\n${result.output}`);
    return result;
  };
}

/** The provider settings a user's stack sets in its config. */
export interface StackSettings {
  readonly sdkAppId: number;
  readonly identifier: string;
  readonly secretKey: string;
  readonly endpoint: string;
}

/**
 * `pulumi stack init test`, then the settings in stack config under `prefix`
 * ("" for a program's own keys, "tencentchat:" for the default provider's),
 * the secret key with --secret.
 */
export async function initStackWithSettings(
  pulumiOk: PulumiCommand,
  prefix: string,
  settings: StackSettings,
): Promise<void> {
  await pulumiOk(["stack", "init", "test"]);
  await pulumiOk(["config", "set", `${prefix}sdkAppId`, String(settings.sdkAppId)]);
  await pulumiOk(["config", "set", `${prefix}identifier`, settings.identifier]);
  await pulumiOk(["config", "set", "--secret", `${prefix}secretKey`, settings.secretKey]);
  await pulumiOk(["config", "set", `${prefix}endpoint`, settings.endpoint]);
}
