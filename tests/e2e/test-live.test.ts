/**
 * `npm run test:live` both ways: without a live app configured it names what
 * is missing and reports the suites as skipped; with the TENCENTCHAT_*
 * variables pointed at an emulator on http://127.0.0.1 (standing in for a
 * live app), its live-only paths run: one run prefix on every account it
 * creates, the ledger sweep of an older run's leftovers, and clean-up.
 */
import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { ChatClient, OfficialAccountsApi } from "../../provider/chat";
import { REPO_ROOT, type PulumiRunResult } from "../../scripts/pulumi-runner";
import { startRecordingProxy, type TestServer } from "../chat/test-server";
import { descendantsOf } from "../support/process-tree";
import { LEDGER_ENV, LIVE_LOCATION_VARIABLES, LIVE_VARIABLES } from "../support/chat-target";

/** Starts scripts/test-live.sh (dist/ is already built) with `env` instead of any TENCENTCHAT_* of ours. */
function startTestLive(env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<PulumiRunResult> } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TENCENTCHAT_")));
  const child = spawn("bash", [path.join(REPO_ROOT, "scripts", "test-live.sh"), "--no-build"], {
    cwd: REPO_ROOT,
    env: { ...clean, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk));
  const done = new Promise<PulumiRunResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, output: stdout + stderr }));
  });
  return { child, done };
}

const runTestLive = (env: NodeJS.ProcessEnv) => startTestLive(env).done;

/** An emulator standing in for a live app, behind a proxy that records every request. */
interface FakeLiveApp {
  readonly emulator: RunningEmulator;
  readonly proxy: TestServer;
  readonly api: OfficialAccountsApi;
  /** The TENCENTCHAT_* variables pointing at it. */
  readonly env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

async function startFakeLiveApp(): Promise<FakeLiveApp> {
  const secretKey = `live-proof-${randomBytes(12).toString("hex")}`;
  const settings = { sdkAppId: 1400054321, identifier: "live-admin", secretKey };
  const emulator = await startEmulator({ ...settings, importUsers: ["old"] });
  const proxy = await startRecordingProxy(emulator.url);
  return {
    emulator,
    proxy,
    api: new OfficialAccountsApi(new ChatClient({ ...settings, endpoint: emulator.url })),
    env: {
      TENCENTCHAT_SDKAPPID: String(settings.sdkAppId),
      TENCENTCHAT_IDENTIFIER: settings.identifier,
      TENCENTCHAT_SECRET_KEY: secretKey,
      TENCENTCHAT_ENDPOINT: proxy.url,
    },
    async close() {
      await proxy.close();
      await emulator.close();
    },
  };
}

/**
 * The nested run's selection: the whole client suite (every emulator-only case with its skip reason, and
 * creates of several kinds) and the engine suite's first case, which creates accounts through `pulumi up`.
 */
const LIVE_PROOF_GREP =
  "chat client on the target|through the engine on the target.*up creates the accounts as declared";

const createsSeen = (app: FakeLiveApp) =>
  app.proxy.requests.filter((r) => r.url.pathname.endsWith("/create_official_account"));

describe("npm run test:live", function () {
  this.timeout(20 * 60 * 1000);

  it("without a live app configured, names every missing variable, reports the suites skipped and exits 0", async () => {
    const result = await runTestLive({ TENCENTCHAT_IDENTIFIER: "administrator" });
    expect(result.code, result.output).to.equal(0);
    for (const name of [...LIVE_VARIABLES.filter((v) => v !== "TENCENTCHAT_IDENTIFIER"), ...LIVE_LOCATION_VARIABLES]) {
      expect(result.stdout, `names ${name}`).to.include(name);
    }
    expect(result.stdout, "a set variable is not called missing").to.not.match(/missing[^\n]*TENCENTCHAT_IDENTIFIER/);
    expect(result.stdout).to.match(/tests: 0 passed, 0 failed, 2 suites skipped/);
  });

  describe("pointed at an emulator on http://127.0.0.1 as if it were a live app", () => {
    const OLD_RUN = "ptcltold0000";
    const leftover = `@TOA#_${OLD_RUN}_left`;
    let app: FakeLiveApp;
    let dir: string;
    let ledger: string;
    let result: PulumiRunResult;

    before(async () => {
      app = await startFakeLiveApp();
      await app.api.create({ officialAccountUserId: leftover, ownerAccount: "old", name: "left by a crashed run" });
      dir = mkdtempSync(path.join(tmpdir(), "test-live-proof-"));
      ledger = path.join(dir, "ledger.json");
      const started = new Date(Date.now() - 86_400_000).toISOString();
      writeFileSync(
        ledger,
        JSON.stringify({ runs: { [OLD_RUN]: { started, ids: [leftover, `@TOA#_${OLD_RUN}_never`] } } }),
      );
      result = await runTestLive({ ...app.env, [LEDGER_ENV]: ledger, TENCENTCHAT_LIVE_GREP: LIVE_PROOF_GREP });
    });
    after(async () => {
      await app?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("runs the client and engine suites there, skipping only the emulator-only cases, with reasons", () => {
      expect(result.code, result.output).to.equal(0);
      const summary = /tests: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(result.stdout);
      expect(summary, result.output).to.not.equal(null);
      const [passed, failed, skipped] = summary!.slice(1).map(Number);
      const reasons = result.stdout.match(/skipped on a live app: .+/g) ?? [];
      expect(failed).to.equal(0);
      expect(passed, "suites ran").to.be.greaterThan(0);
      expect(skipped, "every skip says why").to.equal(reasons.length).and.greaterThan(0);
      expect(result.stdout).to.include("chat client on the target").and.include("through the engine on the target");
      // The engine suite's first case (up, then a preview) and its clean-up hook ran; `npm test` runs the rest of
      // both suites against the emulator itself, so repeating them here would prove nothing about the script.
      expect(result.stdout).to.include(`[test:live] only tests matching: ${LIVE_PROOF_GREP}`);
      // Mocha colours its marks when CI is set: compare the text without colour codes.
      const plainOutput = result.stdout.replace(/\x1b\[[0-9;]*m/g, "");
      expect(plainOutput).to.match(/✔ up creates the accounts as declared/);
    });

    it("puts one run prefix on every official account it creates", () => {
      const prefix = /run prefix: (ptclt[A-Za-z0-9_]+)/.exec(result.stdout)?.[1];
      expect(prefix, result.stdout).to.be.a("string").and.not.equal(OLD_RUN);
      const creates = createsSeen(app);
      expect(creates.length, "the suites' creates went to this app").to.be.greaterThan(3);
      // The documented limit is 200 calls/s per command: the whole run stays below one second's worth.
      expect(app.proxy.requests.length, "calls in the whole run").to.be.below(200);
      for (const request of creates) {
        const body = JSON.parse(request.body) as { OfficialAccountUserID?: string; Name?: string };
        const marked = body.OfficialAccountUserID
          ? body.OfficialAccountUserID.startsWith(`@TOA#_${prefix}`)
          : String(body.Name).includes(prefix!);
        expect(marked, `create without the run prefix: ${request.body}`).to.equal(true);
      }
    });

    it("sweeps the older run's leftovers, cleans up its own accounts, and leaves the ledger empty", () => {
      expect(
        app.emulator.snapshot().accounts.map((a) => a.Official_Account),
        "accounts left on the app",
      ).to.deep.equal([]);
      expect(JSON.parse(readFileSync(ledger, "utf8"))).to.deep.equal({ runs: {} });
      expect(result.stdout).to.match(/\[test:live\] sweep: \d+ recorded account/);
    });
  });

  it("cleans up even when the suites die midway (mocha killed during the client suite)", async () => {
    const app = await startFakeLiveApp();
    const dir = mkdtempSync(path.join(tmpdir(), "test-live-kill-"));
    const ledger = path.join(dir, "ledger.json");
    try {
      const run = startTestLive({ ...app.env, [LEDGER_ENV]: ledger });
      let killed: number[] = [];
      // The third create comes after the generated-id test recorded its id; nothing has a child process yet.
      while (killed.length === 0 && run.child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (createsSeen(app).length < 3) continue;
        const mocha = descendantsOf(run.child.pid!).filter(
          (p) => /mocha/.test(p.command) && !/\bnpx\b/.test(p.command),
        );
        for (const p of mocha) process.kill(p.pid, "SIGKILL");
        killed = mocha.map((p) => p.pid);
      }
      const result = await run.done;
      expect(killed.length, `mocha was found and killed:\n${result.output}`).to.be.greaterThan(0);
      expect(result.code, "the run reports the failure").to.not.equal(0);
      expect(result.stdout).to.match(/\[test:live\] sweep: [1-9]\d* recorded account/);
      expect(
        app.emulator.snapshot().accounts.map((a) => a.Official_Account),
        "accounts left",
      ).to.deep.equal([]);
      expect(JSON.parse(readFileSync(ledger, "utf8"))).to.deep.equal({ runs: {} });
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
