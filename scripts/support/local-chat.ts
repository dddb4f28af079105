/**
 * A local Chat app for the bench and the tests: an in-process emulator on a
 * free port with a fresh secret key, the settings that reach it, and a signed
 * client of our own (for seeding, and for changes behind Pulumi's back). The
 * one place the bench and the test support start an emulator.
 */
import { randomBytes } from "node:crypto";
import {
  DEFAULT_IDENTIFIER,
  DEFAULT_SDK_APP_ID,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from "../../emulator";
import { ChatClient, OfficialAccountsApi } from "../../provider/chat";
import type { ChatSettings } from "../../provider/behaviour/settings";

/** A started emulator with what a client or a stack needs to reach it. */
export interface LocalChat {
  readonly emulator: RunningEmulator;
  /** The app's secret key: fresh per start, so no two runs share one (and none is the demo key). */
  readonly secretKey: string;
  /** SDKAppID, admin identifier, secret key and the emulator's URL as the endpoint. */
  readonly settings: ChatSettings & { readonly endpoint: string };
  /** A client of the app, signed with {@link LocalChat.settings}. */
  readonly api: OfficialAccountsApi;
}

/**
 * Starts an emulator with `options` (port 0 unless given) and a secret key of
 * `<keyLabel>-<24 random hex digits>`, and returns it with its settings and a
 * client. The SDKAppID and admin are the options' or the emulator's defaults.
 */
export async function startLocalChat(
  keyLabel: string,
  options: Omit<EmulatorOptions, "secretKey"> = {},
): Promise<LocalChat> {
  const secretKey = `${keyLabel}-${randomBytes(12).toString("hex")}`;
  const emulator = await startEmulator({ ...options, secretKey });
  const settings = {
    sdkAppId: options.sdkAppId ?? DEFAULT_SDK_APP_ID,
    identifier: options.identifier ?? DEFAULT_IDENTIFIER,
    secretKey,
    endpoint: emulator.url,
  };
  return { emulator, secretKey, settings, api: new OfficialAccountsApi(new ChatClient(settings)) };
}
