/**
 * A stack of the accounts-program fixture pointed at a ChatTarget (the
 * emulator, or a live app under `npm run test:live`): SDKAppID and identifier
 * from TENCENTCHAT_* env, region or endpoint and the secret key (as a
 * secret) in stack config, as a user would set them.
 */
import type { ChatTarget } from "./chat-target";
import { startProgramStack, type ProgramStack } from "./program-stack";

export interface TargetStack extends ProgramStack {
  readonly target: ChatTarget;
  /** Deletes the sandbox (the target's accounts are the target's to clean up). */
  dispose(): void;
}

export async function startTargetStack(label: string, target: ChatTarget): Promise<TargetStack> {
  const { settings } = target;
  const config: Record<string, string> = {};
  if (settings.endpoint) config["tencentchat:endpoint"] = settings.endpoint;
  else if (settings.region) config["tencentchat:region"] = settings.region;
  if (settings.allowInsecureHttp !== undefined)
    config["tencentchat:allowInsecureHttp"] = String(settings.allowInsecureHttp);
  if (settings.callsPerSecond !== undefined) config["tencentchat:callsPerSecond"] = String(settings.callsPerSecond);
  const stack = await startProgramStack(label, {
    env: {
      TENCENTCHAT_SDKAPPID: String(settings.sdkAppId),
      TENCENTCHAT_IDENTIFIER: settings.identifier,
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    },
    config,
    secretConfig: { "tencentchat:secretKey": settings.secretKey },
  });
  return { ...stack, target, dispose: () => stack.sandbox.dispose() };
}
