/**
 * Throws a few hundred random requests (seeded, so every run is the same)
 * at the emulator and checks that each gets a well-formed answer, that it
 * still serves correctly afterwards, and that its state file is still valid.
 */
import { expect } from "chai";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_COMMANDS, commandPath } from "../../chat-api/commands";
import { officialAccountIdGuessProblem } from "../../chat-api/field-rules";
import { utf8Bytes } from "../../chat-api/limits";
import { WIRE_FIELDS } from "../../chat-api/official-account-fields";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { parseSnapshot } from "../../emulator/state";
import { EmulatorClient, expectCode, rawRequest, seededRandom, type RawResponse } from "./helpers";

const SEED = 20240601;
const REQUESTS = 400;
const USERS = ["fz-1", "fz-2", "fz-3", "107867"];
const FIELDS = [
  "Owner_Account",
  "Name",
  "OfficialAccountUserID",
  "Introduction",
  "FaceUrl",
  "Organization",
  "CustomString",
  "MaxSubscriberNum",
  "Official_Account",
  "OfficialAccountIdList",
  "ResponseFilter",
  "OfficialAccountBaseInfoFilter",
  "SelfInfoFilter",
  "Subscriber_Account",
  "SubscriberList",
  "Limit",
  "Offset",
  "Next",
  "UserID",
  "Accounts",
  "__proto__",
  "constructor",
];

class Fuzzer {
  readonly ids = ["@TOA#_fz", "@TOA#_fz2", "@TOA#_", "no-prefix"];
  constructor(private readonly rnd: () => number) {}

  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }

  string(): string {
    switch (this.int(7)) {
      case 0:
        return "";
      case 1:
        return this.pick(USERS);
      case 2:
        return this.pick(this.ids);
      case 3:
        return "中".repeat(this.int(1100));
      case 4:
        return "a".repeat(this.pick([149, 150, 151, 400, 401, 3000, 3001, 5000]));
      case 5:
        return String.fromCharCode(...Array.from({ length: this.int(40) }, () => this.int(0xd7ff)));
      default:
        return `@TOA#_${this.int(1e6)}`;
    }
  }

  value(depth = 0): unknown {
    switch (this.int(depth > 3 ? 5 : 8)) {
      case 0:
        return null;
      case 1:
        return this.chance(0.5);
      case 2:
        return this.pick([0, -1, 1, 50, 51, 200, 201, 1.5, 1e300, 4294967296, Number.MAX_SAFE_INTEGER]);
      case 3:
      case 4:
        return this.string();
      case 5:
        return Array.from({ length: this.pick([0, 1, 2, 51]) }, () => this.value(depth + 1));
      case 6:
        return { Official_Account: this.pick(this.ids), Subscriber_Account: this.pick(USERS) };
      default:
        return this.object(depth + 1);
    }
  }

  object(depth = 0): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let i = this.int(6); i > 0; i--) out[this.pick(FIELDS)] = this.value(depth);
    return out;
  }

  /** A body that is right for `command` most of the time, with one field sometimes scrambled. */
  plausible(command: string): Record<string, unknown> {
    const id = this.chance(0.3) ? `@TOA#_fz${this.int(4)}` : this.pick(this.ids);
    const user = this.pick(USERS);
    const bodies: Record<string, Record<string, unknown>> = {
      create_official_account: { Owner_Account: user, Name: `n${this.int(100)}`, OfficialAccountUserID: id },
      get_official_account_info: {
        OfficialAccountIdList: [{ Official_Account: id }, { Official_Account: this.pick(this.ids) }],
      },
      get_subscribed_official_account_list: { Subscriber_Account: user, Limit: 1 + this.int(3), Offset: this.int(3) },
      modify_official_account_base_info: {
        Official_Account: id,
        Name: `m${this.int(100)}`,
        MaxSubscriberNum: 1 + this.int(3),
      },
      destroy_official_account: { Official_Account: id },
      get_subscriber_info: { Official_Account: id, Limit: 1 + this.int(3) },
      add_subscriber: { Official_Account: id, SubscriberList: [{ Subscriber_Account: user }] },
      delete_subscriber: { Official_Account: id, SubscriberList: [{ Subscriber_Account: user }] },
      account_import: { UserID: this.pick(USERS) },
      multiaccount_import: { Accounts: [this.pick(USERS), this.string()] },
    };
    const body = { ...(bodies[command] ?? {}) };
    if (this.chance(0.4)) body[this.pick(FIELDS)] = this.value();
    return body;
  }

  body(command: string): string | Buffer {
    if (this.chance(0.5)) return JSON.stringify(this.plausible(command));
    switch (this.int(10)) {
      case 0:
        return "";
      case 1:
        return Buffer.from(Array.from({ length: this.int(300) }, () => this.int(256)));
      case 2:
        return JSON.stringify(this.object()).slice(0, this.int(60));
      case 3:
        return "[".repeat(3000) + "]".repeat(3000);
      case 4:
        return JSON.stringify(this.value());
      default:
        return JSON.stringify(this.object());
    }
  }

  /** A path (and the command it names, if any). */
  path(): { path: string; command: string } {
    const roll = this.int(10);
    if (roll < 8) {
      const command = this.pick(ALL_COMMANDS);
      return { path: commandPath(command), command };
    }
    if (roll === 8)
      return { path: `/__emulator/${this.pick(["state", "reset", "faults", "counters/reset", "x"])}`, command: "" };
    const junk = encodeURIComponent(this.string()).slice(0, 200) + this.pick(["", "/..", "/v4/%2e%2e/", "//x"]);
    return { path: "/" + junk, command: "" };
  }

  query(client: EmulatorClient): string {
    if (this.chance(0.6)) return client.query();
    const overrides: Record<string, string | null> = {};
    for (const key of ["sdkappid", "identifier", "usersig", "random", "contenttype"]) {
      if (this.chance(0.3)) overrides[key] = this.chance(0.5) ? null : encodeURIComponent(this.string()).slice(0, 100);
    }
    const q = client.query(overrides);
    return this.chance(0.2) ? q + "&sdkappid=1&&=&%zz" : q;
  }
}

function checkAnswer(res: RawResponse, label: string): void {
  if (res.status === 404 && label.includes("/__emulator/")) return; // control API is off in this suite
  expect(res.status, `${label}: HTTP status`).to.equal(200);
  const reply = JSON.parse(res.text) as Record<string, unknown>;
  expect(reply.ActionStatus, `${label}: ActionStatus`).to.be.oneOf(["OK", "FAIL"]);
  expect(reply.ErrorCode, `${label}: ErrorCode`).to.be.a("number");
  expect(reply.ErrorInfo, `${label}: ErrorInfo`).to.be.a("string");
  expect(reply.ActionStatus === "OK", `${label}: OK exactly when ErrorCode is 0`).to.equal(reply.ErrorCode === 0);
}

describe("emulator: random requests", () => {
  let dir: string;
  let stateFile: string;
  let emulator: RunningEmulator;
  let client: EmulatorClient;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "emulator-fuzz-"));
    stateFile = join(dir, "state.json");
    emulator = await startEmulator({ stateFile, rateLimitPerSecond: 0, importUsers: USERS });
    client = new EmulatorClient(emulator.url);
  });
  after(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it(`answers ${REQUESTS} seeded random requests with well-formed envelopes and keeps serving`, async () => {
    const fuzz = new Fuzzer(seededRandom(SEED));
    const codes = new Map<number, number>();
    for (let batch = 0; batch < REQUESTS / 10; batch++) {
      const requests = Array.from({ length: 10 }, () => {
        const { path, command } = fuzz.path();
        const method = fuzz.chance(0.85) ? "POST" : fuzz.pick(["GET", "PUT", "DELETE", "PATCH"]);
        const url = `${emulator.url}${path}?${fuzz.query(client)}`;
        return { url, method, body: fuzz.body(command), label: `${method} ${path}` };
      });
      const answers = await Promise.all(requests.map((r) => rawRequest(r.url, { method: r.method, body: r.body })));
      answers.forEach((res, i) => {
        checkAnswer(res, `request ${batch * 10 + i} (${requests[i].label})`);
        if (res.status === 200) {
          const code = (JSON.parse(res.text) as { ErrorCode: number }).ErrorCode;
          codes.set(code, (codes.get(code) ?? 0) + 1);
        }
      });
    }
    // The fuzz must reach the handlers, not only the URL checks.
    expect(codes.get(0) ?? 0, `OK answers among ${JSON.stringify([...codes])}`).to.be.greaterThan(5);
    expect(codes.get(6017) ?? 0, `6017 answers among ${JSON.stringify([...codes])}`).to.be.greaterThan(5);

    const id = await client.createAccount({ Owner_Account: "fz-1", Name: "after the fuzz" });
    const info = await client.ok<{
      ActionStatus: "OK";
      ErrorCode: number;
      ErrorInfo: string;
      OfficialAccountInfoList: Array<{ Name: string }>;
    }>("get_official_account_info", { OfficialAccountIdList: [{ Official_Account: id }] });
    expect(info.OfficialAccountInfoList[0].Name).to.equal("after the fuzz");
  });

  it("leaves a state that keeps every documented rule, and a valid state file that restarts", async () => {
    const live = emulator.snapshot();
    const users = new Set(live.users);
    const ids = new Set(live.accounts.map((a) => a.Official_Account));
    for (const a of live.accounts) {
      expect(officialAccountIdGuessProblem(a.Official_Account), `id ${a.Official_Account}`).to.equal(undefined);
      expect(users.has(a.Owner_Account), `owner of ${a.Official_Account} is imported`).to.equal(true);
      expect(a.Name, `Name of ${a.Official_Account}`).to.not.equal("");
      for (const field of WIRE_FIELDS) {
        if (field.rule.kind !== "text") continue;
        const value = (a as Record<string, unknown>)[field.wireName] as string;
        expect(utf8Bytes(value), `${field.wireName} bytes of ${a.Official_Account}`).to.be.at.most(field.rule.maxBytes);
      }
    }
    for (const s of live.subscriptions) {
      expect(ids.has(s.Official_Account), `subscription to ${s.Official_Account}`).to.equal(true);
      expect(users.has(s.Subscriber_Account), `subscriber ${s.Subscriber_Account} is imported`).to.equal(true);
    }
    await emulator.close();
    const saved = parseSnapshot(JSON.parse(await readFile(stateFile, "utf8")));
    expect(saved, "state file after close").to.deep.equal(live);
    emulator = await startEmulator({ stateFile, rateLimitPerSecond: 0 });
    client = new EmulatorClient(emulator.url);
    expect(emulator.snapshot(), "state after restarting from the file").to.deep.equal(live);
    expectCode(await client.call("account_import", { UserID: "after-restart" }), 0);
  });
});
