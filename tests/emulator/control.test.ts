import { expect } from "chai";
import { ALL_COMMANDS } from "../../chat-api/commands";
import { startEmulator, type Counters, type EmulatorStateSnapshot, type RunningEmulator } from "../../emulator";
import { EmulatorClient, rawRequest } from "./helpers";

const OWNER = "control-owner";
const OUTCOMES = ["calls", "dropped", "failed", "faulted", "ok", "throttled"];

describe("emulator: the control API", () => {
  let emulator: RunningEmulator;
  let client: EmulatorClient;

  async function control<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
    const res = await rawRequest(`${emulator.url}/__emulator/${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: JSON.parse(res.text) as T };
  }

  before(async () => {
    emulator = await startEmulator({ rateLimitPerSecond: 0, importUsers: [OWNER], control: true });
    client = new EmulatorClient(emulator.url);
  });
  after(() => emulator.close());

  it("is off unless started with control: true", async () => {
    const off = await startEmulator();
    try {
      for (const path of ["state", "counters", "faults"]) {
        const res = await rawRequest(`${off.url}/__emulator/${path}`, { method: "GET" });
        expect(res.status, `GET /__emulator/${path} with control off`).to.equal(404);
      }
    } finally {
      await off.close();
    }
  });

  it("counts every call per command with calls, ok, failed, throttled, faulted and dropped, and a total", async () => {
    await control("POST", "counters/reset");
    await client.ok("account_import", { UserID: "counted" });
    await client.fail("destroy_official_account", { Official_Account: "@TOA#_none" }, 130004);
    await client.call("destroy_official_account", "{bad json");
    const { status, json } = await control<Counters>("GET", "counters");
    expect(status).to.equal(200);
    expect(Object.keys(json.commands).sort()).to.deep.equal([...ALL_COMMANDS].sort());
    for (const c of Object.values(json.commands)) expect(Object.keys(c).sort()).to.deep.equal(OUTCOMES);
    expect(json.commands.account_import).to.deep.equal({
      calls: 1,
      ok: 1,
      failed: 0,
      throttled: 0,
      faulted: 0,
      dropped: 0,
    });
    expect(json.commands.destroy_official_account).to.include({ calls: 2, failed: 2 });
    expect(json.total).to.deep.equal({ calls: 3, ok: 1, failed: 2, throttled: 0, faulted: 0, dropped: 0 });
    expect(emulator.counters(), "counters() mirrors GET /__emulator/counters").to.deep.equal(json);
  });

  it("resets counters with POST /__emulator/counters/reset and resetCounters()", async () => {
    await client.ok("account_import", { UserID: "again" });
    const { json } = await control<Counters>("POST", "counters/reset");
    expect(json.total.calls).to.equal(0);
    await client.ok("account_import", { UserID: "again" });
    emulator.resetCounters();
    expect(emulator.counters().total.calls).to.equal(0);
  });

  it("shows users, live accounts with every field, and subscriptions in GET /__emulator/state", async () => {
    const id = await client.createAccount({
      OfficialAccountUserID: "@TOA#_shown",
      Owner_Account: OWNER,
      Name: "Shown",
    });
    const gone = await client.createAccount({ Owner_Account: OWNER, Name: "Gone" });
    await client.ok("destroy_official_account", { Official_Account: gone });
    await client.ok("add_subscriber", { Official_Account: id, SubscriberList: [{ Subscriber_Account: OWNER }] });
    const { status, json } = await control<EmulatorStateSnapshot>("GET", "state");
    expect(status).to.equal(200);
    expect(json.version).to.equal(1);
    expect(json.users).to.include(OWNER);
    expect(
      json.accounts.map((a) => a.Official_Account),
      "destroyed accounts are not listed",
    ).to.deep.equal([id]);
    expect(Object.keys(json.accounts[0]).sort()).to.deep.equal(
      [
        "CreateTime",
        "CustomString",
        "FaceUrl",
        "Introduction",
        "LastMsgTime",
        "MaxSubscriberNum",
        "Name",
        "Official_Account",
        "Organization",
        "Owner_Account",
        "SubscriberNum",
      ].sort(),
    );
    expect(json.accounts[0].SubscriberNum).to.equal(1);
    expect(json.subscriptions).to.have.length(1);
    expect(json.subscriptions[0]).to.include({ Official_Account: id, Subscriber_Account: OWNER, CustomString: "" });
    expect(emulator.snapshot(), "snapshot() mirrors GET /__emulator/state").to.deep.equal(json);
  });

  it("clears accounts, subscriptions and counters with POST /__emulator/reset but keeps imported users", async () => {
    await client.createAccount({ Owner_Account: OWNER, Name: "Before reset" });
    const { status, json } = await control<EmulatorStateSnapshot>("POST", "reset");
    expect(status).to.equal(200);
    expect(json.accounts).to.deep.equal([]);
    expect(json.subscriptions).to.deep.equal([]);
    expect(json.users).to.include(OWNER);
    expect(emulator.counters().total.calls).to.equal(0);
    await client.createAccount({ Owner_Account: OWNER, Name: "After reset" });
  });

  it('clears imported users too with {"all": true}', async () => {
    const { json } = await control<EmulatorStateSnapshot>("POST", "reset", { all: true });
    expect(json).to.deep.equal({ version: 1, users: [], accounts: [], subscriptions: [] });
    await client.fail("create_official_account", { Owner_Account: OWNER, Name: "x" }, 70107);
    await client.ok("account_import", { UserID: OWNER });
  });

  it("answers unknown endpoints with 404, wrong methods with 405 and bad JSON with 400", async () => {
    expect((await control("GET", "nothing")).status).to.equal(404);
    expect((await control("DELETE", "state")).status).to.equal(405);
    expect((await control("GET", "reset")).status).to.equal(405);
    const bad = await rawRequest(`${emulator.url}/__emulator/faults`, { method: "PUT", body: "{oops" });
    expect(bad.status).to.equal(400);
  });
});
