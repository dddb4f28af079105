/**
 * Helpers for the client suites: an emulator per suite, clients pointed at
 * it, small node:http servers for transport cases the emulator cannot
 * express, and assertions that print want/got.
 */
import { expect } from "chai";
import http from "node:http";
import type { AddressInfo } from "node:net";
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

export function startChatEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, ...options });
}

export function clientFor(url: string, overrides: Partial<ChatClientOptions> = {}): ChatClient {
  return new ChatClient({
    sdkAppId: DEFAULT_SDK_APP_ID,
    identifier: DEFAULT_IDENTIFIER,
    secretKey: DEFAULT_SECRET_KEY,
    endpoint: url,
    ...overrides,
  });
}

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

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A node:http server on port 0 that records every request and answers with
 * `respond` (which may also write the response itself and return undefined).
 */
export async function startTestServer(
  respond: (
    request: RecordedRequest,
    res: http.ServerResponse,
  ) => Promise<{ status?: number; body: string } | undefined> | { status?: number; body: string } | undefined,
): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        url: new URL(req.url ?? "/", "http://test.invalid"),
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      Promise.resolve(respond(recorded, res))
        .then((answer) => {
          if (!answer || res.headersSent || res.destroyed) return;
          res.writeHead(answer.status ?? 200, { "Content-Type": "application/json" });
          res.end(answer.body);
        })
        .catch(() => res.socket?.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A test server that forwards every request to `target` and records it (to see what the client sent). */
export function startRecordingProxy(target: string): Promise<TestServer> {
  return startTestServer(async (request) => {
    const upstream = await fetch(`${target}${request.url.pathname}${request.url.search}`, {
      method: request.method,
      headers: { "Content-Type": "application/json" },
      body: request.body,
    });
    return { status: upstream.status, body: await upstream.text() };
  });
}

/** A JSON envelope as the API writes it. */
export function envelope(code: number, info = "", extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ActionStatus: code === 0 ? "OK" : "FAIL", ErrorCode: code, ErrorInfo: info, ...extra });
}
