/**
 * Test helpers: raw HTTP to a running emulator, signed the way a real
 * client signs (signUserSig), assertions that print want/got, and a
 * temporary folder per suite for state files.
 */
import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ApiEnvelope, GetOfficialAccountInfoResponse, OfficialAccountInfoItem } from "../../chat-api/wire-types";
import { ALL_COMMANDS, commandPath, type CommandName } from "../../chat-api/commands";
import { signUserSig } from "../../chat-api/user-sig";
import { DEFAULT_IDENTIFIER, DEFAULT_SDK_APP_ID, DEFAULT_SECRET_KEY } from "../../emulator";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  agent?: http.Agent;
}

/** One HTTP request; resolves with whatever came back, rejects only on a network error. */
export function rawRequest(url: string, req: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
    const r = http.request(
      url,
      {
        method: req.method ?? "POST",
        agent: req.agent,
        headers: {
          ...(body ? { "Content-Type": "application/json", "Content-Length": String(body.length) } : {}),
          ...req.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    r.on("error", reject);
    r.end(body);
  });
}

function knownCommand(command: string): CommandName {
  const known = ALL_COMMANDS.find((name) => name === command);
  if (!known) throw new Error(`unknown command ${command}`);
  return known;
}

export interface Credentials {
  sdkAppId: number;
  secretKey: string;
  identifier: string;
}

export const DEFAULT_CREDENTIALS: Credentials = {
  sdkAppId: DEFAULT_SDK_APP_ID,
  secretKey: DEFAULT_SECRET_KEY,
  identifier: DEFAULT_IDENTIFIER,
};

export type Reply = ApiEnvelope & Record<string, unknown>;

/** Fails with want/got and the ErrorInfo, so a wrong code explains itself. */
export function expectCode(reply: ApiEnvelope, want: number, what = "ErrorCode"): void {
  expect(reply.ErrorCode, `${what}: want ${want}, got ${reply.ErrorCode} (ErrorInfo: ${reply.ErrorInfo})`).to.equal(
    want,
  );
  expect(reply.ActionStatus, `ActionStatus for ErrorCode ${want}`).to.equal(want === 0 ? "OK" : "FAIL");
}

export function sortedKeys(value: object): string[] {
  return Object.keys(value).sort();
}

export class EmulatorClient {
  private sig: string;

  constructor(
    readonly baseUrl: string,
    readonly creds: Credentials = DEFAULT_CREDENTIALS,
  ) {
    this.sig = signUserSig(creds.sdkAppId, creds.secretKey, creds.identifier, 86400);
  }

  /** The query string; `overrides` replace (or with null, remove) single parameters. */
  query(overrides: Record<string, string | null> = {}): string {
    const params: Record<string, string | null> = {
      sdkappid: String(this.creds.sdkAppId),
      identifier: this.creds.identifier,
      usersig: this.sig,
      random: String(Math.floor(Math.random() * 4294967295)),
      contenttype: "json",
      ...overrides,
    };
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== null) q.set(k, v);
    return q.toString();
  }

  url(command: string, overrides: Record<string, string | null> = {}): string {
    return `${this.baseUrl}${commandPath(knownCommand(command))}?${this.query(overrides)}`;
  }

  /** Posts a body (an object is sent as JSON, a string as it is) and parses the envelope. */
  async call<T extends ApiEnvelope = Reply>(
    command: string,
    body: unknown,
    overrides: Record<string, string | null> = {},
    agent?: http.Agent,
  ): Promise<T> {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    const res = await rawRequest(this.url(command, overrides), { body: text, agent });
    expect(res.status, `HTTP status of ${command}: want 200, got ${res.status} (${res.text.slice(0, 200)})`).to.equal(
      200,
    );
    return JSON.parse(res.text) as T;
  }

  async ok<T extends ApiEnvelope = Reply>(command: string, body: unknown): Promise<T> {
    const reply = await this.call<T>(command, body);
    expectCode(reply, 0, `${command} ErrorCode`);
    return reply;
  }

  async fail(command: string, body: unknown, want: number): Promise<Reply> {
    const reply = await this.call(command, body);
    expectCode(reply, want, `${command} ErrorCode`);
    expect(sortedKeys(reply), "keys of a FAIL envelope").to.deep.equal(["ActionStatus", "ErrorCode", "ErrorInfo"]);
    expect(reply.ErrorInfo, "ErrorInfo of a failure").to.be.a("string").with.length.greaterThan(0);
    return reply;
  }

  async importUsers(...ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 100) {
      const reply = await this.ok("multiaccount_import", { Accounts: ids.slice(i, i + 100) });
      expect(reply.FailAccounts, "FailAccounts").to.deep.equal([]);
    }
  }

  /** The items get_official_account_info answers for `ids` (asking for `filter` when one is given). */
  async accountInfo(ids: string[], filter?: unknown): Promise<OfficialAccountInfoItem[]> {
    const body: Record<string, unknown> = { OfficialAccountIdList: ids.map((id) => ({ Official_Account: id })) };
    if (filter !== undefined) body.ResponseFilter = filter;
    const reply = await this.ok<GetOfficialAccountInfoResponse>("get_official_account_info", body);
    return reply.OfficialAccountInfoList!;
  }

  async createAccount(fields: Record<string, unknown>): Promise<string> {
    const reply = await this.ok<Reply & { OfficialAccountUserID: string }>("create_official_account", fields);
    return reply.OfficialAccountUserID;
  }
}

/** A small seeded PRNG (mulberry32), so random tests replay the same way every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `fn` over items with at most `limit` at once. */
export async function inBatches<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += limit) await Promise.all(items.slice(i, i + limit).map(fn));
}

/**
 * A temporary folder made before the suite's tests and removed after them. Returns where a name in it
 * is (the folder itself when no name is given); call it inside a test or hook, once the folder exists.
 */
export function tempDirPerSuite(prefix: string): (name?: string) => string {
  let dir: string | undefined;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  after(() => (dir === undefined ? undefined : rm(dir, { recursive: true, force: true })));
  return (name = "") => {
    if (dir === undefined) throw new Error("the suite's temporary folder is made in its before hook: use it in a test");
    return join(dir, name);
  };
}
