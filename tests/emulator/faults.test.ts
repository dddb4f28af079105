import { expect } from "chai";
import http from "node:http";
import { startEmulator, type Counters, type FaultOptions, type RunningEmulator } from "../../emulator";
import { EmulatorClient, expectCode, rawRequest } from "./helpers";

const OWNER = "fault-owner";

describe("emulator: fault injection", () => {
  let emulator: RunningEmulator;
  let client: EmulatorClient;
  let n = 0;
  const newAccount = () => ({ OfficialAccountUserID: `@TOA#_fault${++n}`, Owner_Account: OWNER, Name: "f" });
  const exists = (id: string) => emulator.snapshot().accounts.some((a) => a.Official_Account === id);

  before(async () => {
    emulator = await startEmulator({ rateLimitPerSecond: 0, importUsers: [OWNER], control: true });
    client = new EmulatorClient(emulator.url);
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.setFaults({});
    emulator.resetCounters();
  });

  /** Sends 20 creates under `faults` and returns what came back for each. */
  async function under(
    faults: FaultOptions,
  ): Promise<Array<{ status?: number; code?: number; error?: string; id: string }>> {
    emulator.setFaults(faults);
    const results = [];
    for (let i = 0; i < 20; i++) {
      const body = newAccount();
      // A fresh connection per call, so a dropped one cannot affect the next.
      const agent = new http.Agent({ keepAlive: false });
      try {
        const res = await rawRequest(client.url("create_official_account"), { body: JSON.stringify(body), agent });
        const code = res.status === 200 ? (JSON.parse(res.text) as { ErrorCode: number }).ErrorCode : undefined;
        results.push({ status: res.status, code, id: body.OfficialAccountUserID });
      } catch (error) {
        results.push({ error: (error as Error).message, id: body.OfficialAccountUserID });
      } finally {
        agent.destroy();
      }
    }
    emulator.setFaults({});
    return results;
  }

  it("transient=1 answers 10004 or 20005 to every call and applies none of them", async () => {
    const results = await under({ transient: 1 });
    for (const r of results) {
      expect([10004, 20005], `code: want 10004 or 20005, got ${r.code}`).to.include(r.code);
      expect(exists(r.id), `account ${r.id} exists after a transient failure`).to.equal(false);
    }
    expect(emulator.counters().commands.create_official_account).to.include({ calls: 20, faulted: 20, ok: 0 });
  });

  it("throttle=1 answers 60007 to every call and applies none of them", async () => {
    const results = await under({ throttle: 1 });
    expect(results.map((r) => r.code)).to.deep.equal(Array(20).fill(60007));
    expect(results.some((r) => exists(r.id))).to.equal(false);
    expect(emulator.counters().commands.create_official_account).to.include({ faulted: 20, throttled: 0 });
  });

  it("http502=1 answers HTTP 502 to every call and applies none of them", async () => {
    const results = await under({ http502: 1 });
    expect(results.map((r) => r.status)).to.deep.equal(Array(20).fill(502));
    expect(results.some((r) => exists(r.id))).to.equal(false);
    expect(emulator.counters().commands.create_official_account.faulted).to.equal(20);
  });

  it("drop=1 applies every call, then closes the connection without an answer", async () => {
    const results = await under({ drop: 1 });
    for (const r of results) {
      expect(r.error, `call for ${r.id}: want a network error, got HTTP ${r.status} code ${r.code}`).to.be.a("string");
      expect(exists(r.id), `account ${r.id} exists although its answer was dropped`).to.equal(true);
    }
    expect(emulator.counters().commands.create_official_account).to.include({ calls: 20, dropped: 20, ok: 0 });
  });

  it("probability 0 for every kind changes nothing", async () => {
    const results = await under({ transient: 0, throttle: 0, http502: 0, drop: 0, latencyMs: 0, latencyJitterMs: 0 });
    expect(results.map((r) => r.code)).to.deep.equal(Array(20).fill(0));
    expect(results.every((r) => exists(r.id))).to.equal(true);
    expect(emulator.counters().commands.create_official_account).to.include({ ok: 20, faulted: 0, dropped: 0 });
  });

  it("latencyMs delays each answer by at least that long, minus the jitter", async () => {
    emulator.setFaults({ latencyMs: 300 });
    let started = performance.now();
    expectCode(await client.call("create_official_account", newAccount()), 0);
    let elapsed = performance.now() - started;
    expect(elapsed, `elapsed ms with latencyMs 300: want >= 290, got ${elapsed}`).to.be.at.least(290);
    emulator.setFaults({ latencyMs: 300, latencyJitterMs: 100 });
    started = performance.now();
    expectCode(await client.call("create_official_account", newAccount()), 0);
    elapsed = performance.now() - started;
    expect(elapsed, `elapsed ms with latencyMs 300 +- 100: want >= 190, got ${elapsed}`).to.be.at.least(190);
  });

  it("limits faults to the listed commands", async () => {
    emulator.setFaults({ transient: 1, commands: ["destroy_official_account"] });
    const id = await client.createAccount(newAccount());
    const reply = await client.call("destroy_official_account", { Official_Account: id });
    expect([10004, 20005]).to.include(reply.ErrorCode);
    expect(exists(id)).to.equal(true);
  });

  it("never applies faults to the control API", async () => {
    // An emulator of its own: the API call it holds back must not answer into another test's counters.
    const own = await startEmulator({ rateLimitPerSecond: 0, importUsers: [OWNER], control: true });
    const agent = new http.Agent({ keepAlive: false });
    let held: Promise<unknown> | undefined;
    try {
      own.setFaults({ http502: 1, drop: 1, latencyMs: 30_000 });
      held = rawRequest(new EmulatorClient(own.url).url("create_official_account"), {
        body: JSON.stringify(newAccount()),
        agent,
      }).catch(() => undefined); // cut off when the emulator closes
      while (own.counters().commands.create_official_account.calls === 0) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const res = await rawRequest(`${own.url}/__emulator/counters`, { method: "GET" });
      expect(res.status).to.equal(200);
      const create = (JSON.parse(res.text) as Counters).commands.create_official_account;
      // Order, not time: the control call, sent after the API call, was answered while that one is still held.
      expect(create, "create_official_account counters from the control call").to.deep.include({
        calls: 1,
        ok: 0,
        failed: 0,
        faulted: 0,
        dropped: 0,
      });
    } finally {
      await own.close();
      await held;
      agent.destroy();
    }
  });

  it("changes faults at run time through PUT /__emulator/faults, which replaces them", async () => {
    const put = await rawRequest(`${emulator.url}/__emulator/faults`, {
      method: "PUT",
      body: JSON.stringify({ throttle: 1, commands: ["get_subscriber_info"] }),
    });
    expect(put.status, put.text).to.equal(200);
    const got = await rawRequest(`${emulator.url}/__emulator/faults`, { method: "GET" });
    expect(JSON.parse(got.text)).to.deep.equal({ throttle: 1, commands: ["get_subscriber_info"] });
    expectCode(await client.call("get_subscriber_info", { Official_Account: "@TOA#_x" }), 60007);
    await rawRequest(`${emulator.url}/__emulator/faults`, { method: "PUT", body: "{}" });
    expectCode(await client.call("get_subscriber_info", { Official_Account: "@TOA#_x" }), 130004);
  });

  it("refuses invalid fault settings with HTTP 400 and an Error from setFaults", async () => {
    for (const bad of [{ transient: 2 }, { drop: -0.1 }, { latencyMs: "5" }, { commands: ["nope"] }, { typo: 1 }, []]) {
      const res = await rawRequest(`${emulator.url}/__emulator/faults`, { method: "PUT", body: JSON.stringify(bad) });
      expect(res.status, `PUT ${JSON.stringify(bad)}`).to.equal(400);
      expect(() => emulator.setFaults(bad as FaultOptions), `setFaults(${JSON.stringify(bad)})`).to.throw();
    }
  });

  it("takes faults at start", async () => {
    const faulty = await startEmulator({ faults: { throttle: 1 } });
    try {
      expectCode(await new EmulatorClient(faulty.url).call("account_import", { UserID: "x" }), 60007);
    } finally {
      await faulty.close();
    }
  });
});
