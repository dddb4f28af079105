/**
 * An emulator plus a Pulumi stack of the accounts-program fixture (through
 * the front door asked for, the dynamic one unless told), wired together the
 * way a user would: endpoint and secret key in stack config (the key as a
 * secret), SDKAppID and identifier from TENCENTCHAT_* env.
 */
import type { OfficialAccountsApi } from "../../provider/chat";
import type { AccountSnapshot, EmulatorOptions, RunningEmulator } from "../../emulator";
import { startLocalChat } from "../../scripts/support/local-chat";
import type { FrontDoor } from "./front-doors";
import { startProgramStack, type ProgramStack, type ProgramStackOptions } from "./program-stack";

export const TEST_SDK_APP_ID = 1400012345;
export const TEST_IDENTIFIER = "ops-admin";

export interface ChatStack extends ProgramStack {
  readonly emulator: RunningEmulator;
  /** A client of our own for changes "behind Pulumi's back" and for seeding. */
  readonly api: OfficialAccountsApi;
  /** The stack's secret key: must never show up in state or output. */
  readonly secretKey: string;
  live(id: string): AccountSnapshot | undefined;
  /** Calls per command since the last reset, from the emulator's counters. */
  calls(command: string): number;
  /** Starts counting calls() from now. */
  resetCalls(): void;
  dispose(): Promise<void>;
}

export async function startChatStack(
  label: string,
  options: {
    emulator?: Omit<EmulatorOptions, "secretKey">;
    /** The front door accounts-program declares through (sets its `frontDoor` config value). */
    door?: FrontDoor;
  } & Pick<ProgramStackOptions, "program" | "sandboxDir"> = {},
): Promise<ChatStack> {
  const { emulator, secretKey, api } = await startLocalChat("test-secret", {
    sdkAppId: TEST_SDK_APP_ID,
    identifier: TEST_IDENTIFIER,
    control: true,
    ...options.emulator,
  });
  const stack = await startProgramStack(label, {
    program: options.program,
    sandboxDir: options.sandboxDir,
    env: {
      TENCENTCHAT_SDKAPPID: String(TEST_SDK_APP_ID),
      TENCENTCHAT_IDENTIFIER: TEST_IDENTIFIER,
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    },
    config: {
      "tencentchat:endpoint": emulator.url,
      ...(options.door ? { frontDoor: options.door.frontDoorConfig } : {}),
    },
    secretConfig: { "tencentchat:secretKey": secretKey },
  });

  let countersBase = emulator.counters();

  return {
    ...stack,
    emulator,
    api,
    secretKey,
    live: (id) => emulator.snapshot().accounts.find((a) => a.Official_Account === id),
    calls(command) {
      const now = emulator.counters().commands[command]?.calls ?? 0;
      const before = countersBase.commands[command]?.calls ?? 0;
      return now - before;
    },
    resetCalls() {
      countersBase = emulator.counters();
    },
    async dispose() {
      stack.sandbox.dispose();
      await emulator.close();
    },
  };
}
