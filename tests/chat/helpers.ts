/**
 * Helpers for the client suites: an emulator per suite, clients pointed at
 * it, and assertions that print want/got. (The small node:http servers for
 * transport cases the emulator cannot express are in ./test-server.)
 */
import { expect } from "chai";
import {
  DEFAULT_IDENTIFIER,
  DEFAULT_SDK_APP_ID,
  DEFAULT_SECRET_KEY,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from "../../emulator";
import { ChatApiError, ChatClient, OfficialAccountsApi } from "../../provider/chat";
import type { ChatClientOptions } from "../../provider/chat/client-options";

export { DEFAULT_IDENTIFIER, DEFAULT_SDK_APP_ID, DEFAULT_SECRET_KEY };

/** Fast retries so failure cases finish quickly; the policy's shape is what is under test. */
export const FAST_RETRIES: Partial<ChatClientOptions> = { retryBaseDelayMs: 5, retryMaxDelayMs: 50 };

/** An emulator on a free port, for one suite. */
export function startChatEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, ...options });
}

/** A client of the emulator at `url` with its default app, admin and key, plus `overrides`. */
export function clientFor(url: string, overrides: Partial<ChatClientOptions> = {}): ChatClient {
  return new ChatClient({
    sdkAppId: DEFAULT_SDK_APP_ID,
    identifier: DEFAULT_IDENTIFIER,
    secretKey: DEFAULT_SECRET_KEY,
    endpoint: url,
    ...overrides,
  });
}

/** The official-account commands through {@link clientFor}'s client, reads batched over `batchWindowMs`. */
export function apiFor(
  url: string,
  overrides: Partial<ChatClientOptions> = {},
  batchWindowMs?: number,
): OfficialAccountsApi {
  return new OfficialAccountsApi(clientFor(url, overrides), { batchWindowMs });
}

let sequence = 0;
/** A fresh official-account id, unique within the test run. */
export function uniqueId(label: string): string {
  sequence += 1;
  return `@TOA#_${label}_${process.pid % 10000}_${sequence}`;
}

/** Calls of one command since the last reset, from the emulator's counters. */
export function callsOf(emulator: RunningEmulator, command: string): number {
  return emulator.counters().commands[command]?.calls ?? 0;
}

/** chai's equal, with a want/got message. */
export function expectEqual<T>(got: T, want: T, what: string): void {
  expect(got, `${what}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`).to.deep.equal(want);
}

/** Awaits `promise`, expecting a ChatApiError; returns it. */
export async function expectChatError(promise: Promise<unknown>, what: string): Promise<ChatApiError> {
  try {
    const value = await promise;
    expect.fail(`${what}: want a ChatApiError, got success ${JSON.stringify(value)}`);
  } catch (error) {
    if (!(error instanceof ChatApiError)) {
      expect.fail(`${what}: want a ChatApiError, got ${(error as Error)?.stack ?? String(error)}`);
    }
    return error;
  }
  throw new Error("unreachable");
}
