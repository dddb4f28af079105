/**
 * The emulator as a user drives it by hand: `--help` says everything needed
 * to call it; control writes (import users, put or patch an account) make a
 * drift rehearsal one command; `npx tencentchat-emulator &` then `kill $!`
 * frees the port; `--pid-file`; a non-loopback host with the public demo key
 * is refused.
 */
import { expect } from "chai";
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { ALL_COMMANDS } from "../../chat-api/commands";
import { CliUsageError, parseCliArgs, USAGE } from "../../emulator/cli-args";
import { CONTROL_API_SUMMARY } from "../../emulator/control";
import { DEFAULT_SECRET_KEY, startEmulator, type RunningEmulator } from "../../emulator";
import { REPO_ROOT } from "../../scripts/pulumi-runner";
import { DEFAULT_CREDENTIALS, EmulatorClient, rawRequest, sleep } from "./helpers";

const CLI = resolve(__dirname, "../../emulator/cli.js");
const run = promisify(execFile);

/** Runs a control command of the CLI against `url`; never rejects. */
async function cli(args: string[], url: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args, "--url", url]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Resolves once nothing accepts connections on the port (waits for an event, with a generous limit). */
async function portFreed(port: number, waitMs = 60_000): Promise<boolean> {
  for (const until = Date.now() + waitMs; Date.now() < until; await sleep(250)) {
    const open = await new Promise<boolean>((done) => {
      const socket = createConnection({ host: "127.0.0.1", port });
      socket.once("connect", () => (socket.destroy(), done(true)));
      socket.once("error", () => done(false));
    });
    if (!open) return true;
  }
  return false;
}

describe("emulator: driven by hand", function () {
  this.timeout(180_000);

  describe("--help", () => {
    it("shows the demo key, every command it serves and the control API with its CLI commands", () => {
      expect(USAGE).to.include(DEFAULT_SECRET_KEY).and.include("1400000000").and.include("administrator");
      for (const command of ALL_COMMANDS) expect(USAGE, command).to.include(`/${command}`);
      for (const [request] of CONTROL_API_SUMMARY) expect(USAGE, request).to.include(request);
      for (const command of ["import-users", "put-account", "patch-account"]) expect(USAGE).to.include(command);
      expect(USAGE).to.include("pulumi-tencent-chat call");
    });
  });

  describe("host and key", () => {
    it("refuses a non-loopback --host with the public demo key, naming both fixes", () => {
      expect(() => parseCliArgs(["--host", "0.0.0.0"], {})).to.throw(
        CliUsageError,
        /TENCENTCHAT_EMULATOR_SECRET_KEY.*--allow-public-demo-key/s,
      );
      expect(parseCliArgs(["--host", "0.0.0.0", "--allow-public-demo-key"], {}).kind).to.equal("run");
      expect(parseCliArgs(["--host", "0.0.0.0"], { TENCENTCHAT_EMULATOR_SECRET_KEY: "own-key" }).kind).to.equal("run");
      expect(parseCliArgs(["--host", "127.0.0.1"], {}).kind).to.equal("run");
    });
  });

  describe("control writes", () => {
    let emulator: RunningEmulator;
    let client: EmulatorClient;
    before(async () => {
      emulator = await startEmulator({ control: true });
      client = new EmulatorClient(emulator.url, DEFAULT_CREDENTIALS);
    });
    after(() => emulator.close());

    it("import-users imports users an account can then be created for", async () => {
      const imported = await cli(["import-users", "newsroom,reader-1"], emulator.url);
      expect(imported.code, imported.stderr).to.equal(0);
      expect(JSON.parse(imported.stdout).users).to.deep.equal(["newsroom", "reader-1"]);
      await client.createAccount({ OfficialAccountUserID: "@TOA#_hand", Owner_Account: "newsroom", Name: "Hand" });
    });

    it("patch-account changes a field behind the provider's back in one command, as the API then reads it", async () => {
      const patched = await cli(["patch-account", "@TOA#_hand", '{"Introduction":"edited by hand"}'], emulator.url);
      expect(patched.code, patched.stderr).to.equal(0);
      expect(JSON.parse(patched.stdout)).to.include({ Official_Account: "@TOA#_hand", Introduction: "edited by hand" });
      const read = await client.ok("get_official_account_info", {
        OfficialAccountIdList: [{ Official_Account: "@TOA#_hand" }],
      });
      expect((read.OfficialAccountInfoList as Array<Record<string, unknown>>)[0].Introduction).to.equal(
        "edited by hand",
      );
    });

    it("put-account creates an account made by hand (defaults filled in) and replaces it whole", async () => {
      const put = await cli(
        ["put-account", "@TOA#_console", '{"Owner_Account":"newsroom","Name":"Console"}'],
        emulator.url,
      );
      expect(put.code, put.stderr).to.equal(0);
      expect(JSON.parse(put.stdout)).to.include({ Name: "Console", Introduction: "", MaxSubscriberNum: 100000 });
      const createTime = JSON.parse(put.stdout).CreateTime;
      const again = await cli(
        ["put-account", "@TOA#_console", '{"Owner_Account":"reader-1","Name":"Renamed"}'],
        emulator.url,
      );
      expect(JSON.parse(again.stdout)).to.include({
        Owner_Account: "reader-1",
        Name: "Renamed",
        CreateTime: createTime,
      });
    });

    it("refuses bad writes with 400 and the field rule, and changes nothing", async () => {
      const before = emulator.snapshot();
      const cases: Array<[string[], RegExp]> = [
        [["patch-account", "@TOA#_hand", '{"Owner_Account":"x"}'], /Owner_Account is not one of Name/],
        [["patch-account", "@TOA#_ghost", '{"Name":"x"}'], /does not exist/],
        [["patch-account", "@TOA#_hand", `{"Name":"${"x".repeat(151)}"}`], /Name must be at most 150 bytes/],
        [["put-account", "@TOA#_x", '{"Owner_Account":"stranger","Name":"x"}'], /not an imported account/],
        [["import-users", "has\u00e9accent"], /printable ASCII/],
      ];
      for (const [args, message] of cases) {
        const result = await cli(args, emulator.url);
        expect(result.code, args.join(" ")).to.equal(1);
        expect(result.stderr, args.join(" "))
          .to.match(/answered 400/)
          .and.match(message);
      }
      expect(emulator.snapshot()).to.deep.equal(before);
    });

    it("says how to turn the control API on when it is off", async () => {
      const plain = await startEmulator({});
      try {
        const result = await cli(["import-users", "a"], plain.url);
        expect(result.code).to.equal(1);
        expect(result.stderr).to.include("--control");
        const raw = await rawRequest(`${plain.url}/__emulator/users`, { method: "POST", body: '{"users":["a"]}' });
        expect(raw.status).to.equal(404);
      } finally {
        await plain.close();
      }
    });
  });

  describe("lifecycle", () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), "emulator-lifecycle-"));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("npx tencentchat-emulator & then kill $! frees the port, and the pid file is removed", async () => {
      const pidFile = join(dir, "emulator.pid");
      // As in a shell: `npx tencentchat-emulator --port 0 --pid-file F &`, then `kill $!` kills npx (npm), not node.
      const npx = spawn("npx", ["--no-install", "tencentchat-emulator", "--port", "0", "--pid-file", pidFile], {
        cwd: REPO_ROOT,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      npx.stderr.on("data", (d: Buffer) => (output += d.toString()));
      const port = await new Promise<number>((done, fail) => {
        npx.stdout.on("data", (d: Buffer) => {
          output += d.toString();
          const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
          if (match) done(Number(match[1]));
        });
        npx.once("exit", (code) => fail(new Error(`npx exited with ${code} before listening:\n${output}`)));
      });
      const emulatorPid = Number(readFileSync(pidFile, "utf8"));
      expect(emulatorPid, "the pid file holds the emulator's own pid, not npx's").to.not.equal(npx.pid);
      try {
        npx.kill("SIGTERM");
        expect(await portFreed(port), `port ${port} still taken after npx was killed:\n${output}`).to.equal(true);
        for (let i = 0; i < 120 && existsSync(pidFile); i++) await sleep(250);
        expect(existsSync(pidFile), "pid file removed on exit").to.equal(false);
      } finally {
        try {
          process.kill(emulatorPid, "SIGKILL");
        } catch {
          // already gone, as it should be
        }
      }
    });
  });
});
