import { expect } from "chai";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { CliUsageError, parseCliArgs, parseFaultSpec, SECRET_KEY_ENV, USAGE } from "../../emulator/cli-args";
import { resolveOptions } from "../../emulator/options";
import { parseSnapshot } from "../../emulator/state";
import { DEFAULT_CLI_PORT } from "../../emulator";
import { DEFAULT_CREDENTIALS, EmulatorClient, tempDirPerSuite } from "./helpers";

const CLI = resolve(__dirname, "../../emulator/cli.js");

describe("emulator: CLI flags", () => {
  it("uses port 8787 on 127.0.0.1 and the library defaults when given no flags", () => {
    const cmd = parseCliArgs([], {});
    expect(cmd).to.deep.equal({
      kind: "run",
      options: { port: DEFAULT_CLI_PORT, host: "127.0.0.1", control: false },
      quiet: false,
      secretKeySource: undefined,
      pidFile: undefined,
    });
  });

  it("reads every flag", () => {
    const cmd = parseCliArgs(
      [
        "--port=0",
        "--host",
        "0.0.0.0",
        "--sdk-app-id",
        "1400123456",
        "--secret-key",
        "k",
        "--identifier",
        "root",
        "--state-file",
        "s.json",
        "--rate-limit",
        "0",
        "--faults",
        "transient=0.1,latencyMs=20,commands=create_official_account+destroy_official_account",
        "--import-users",
        "a, b,c",
        "--account-quota",
        "5",
        "--control",
        "--quiet",
      ],
      {},
    );
    expect(cmd).to.deep.equal({
      kind: "run",
      options: {
        port: 0,
        host: "0.0.0.0",
        sdkAppId: 1400123456,
        secretKey: "k",
        identifier: "root",
        stateFile: "s.json",
        rateLimitPerSecond: 0,
        faults: { transient: 0.1, latencyMs: 20, commands: ["create_official_account", "destroy_official_account"] },
        importUsers: ["a", "b", "c"],
        accountQuota: 5,
        control: true,
      },
      quiet: true,
      secretKeySource: "--secret-key",
      pidFile: undefined,
    });
  });

  it("still reads the older names --admin and --import-accounts (options admin, importAccounts), which --help no longer shows", () => {
    const cmd = parseCliArgs(["--admin", "root", "--import-accounts", "a,b", "--import-users", "c"], {});
    expect(cmd.kind === "run" && cmd.options).to.deep.include({ identifier: "root", importUsers: ["c", "a", "b"] });
    expect(() => parseCliArgs(["--admin", ""], {})).to.throw(CliUsageError, /--admin must not be empty/);
    expect(USAGE).not.to.match(/--admin|--import-accounts/);
    const resolved = resolveOptions({ admin: "root", importAccounts: ["a"], importUsers: ["c"] });
    expect(resolved).to.deep.include({ identifier: "root", importUsers: ["c", "a"] });
  });

  it("takes --account-quota trial as the vendor's trial plan (5) and --return-max-subscriber-num", () => {
    const cmd = parseCliArgs(["--account-quota", "trial", "--return-max-subscriber-num"], {});
    expect(cmd).to.deep.include({ kind: "run" });
    expect(cmd.kind === "run" && cmd.options).to.include({ accountQuota: 5, returnMaxSubscriberNum: true });
    const plain = parseCliArgs([], {});
    expect(plain.kind === "run" && plain.options.returnMaxSubscriberNum, "off unless asked").to.equal(undefined);
    expect(() => parseCliArgs(["--account-quota", "trail"], {})).to.throw(CliUsageError, /--account-quota/);
  });

  it(`takes the secret key from ${SECRET_KEY_ENV} when --secret-key is absent`, () => {
    const cmd = parseCliArgs([], { [SECRET_KEY_ENV]: "from-env" });
    expect(cmd.kind === "run" && cmd.options.secretKey).to.equal("from-env");
  });

  it("parses the full fault spec", () => {
    expect(
      parseFaultSpec("transient=0.1,throttle=0.05,http502=0.03,drop=0.05,latencyMs=20,latencyJitterMs=10"),
    ).to.deep.equal({ transient: 0.1, throttle: 0.05, http502: 0.03, drop: 0.05, latencyMs: 20, latencyJitterMs: 10 });
  });

  it("refuses unknown flags and bad values with a message naming the flag", () => {
    const cases: Array<[string[], RegExp]> = [
      [["--nope"], /nope/],
      [["--port", "70000"], /--port/],
      [["--port", "abc"], /--port/],
      [["--rate-limit", "-1"], /--rate-limit/],
      [["--faults", "transient=2"], /transient/],
      [["--faults", "bogus=1"], /bogus/],
      [["--faults", "commands=nope"], /nope/],
      [["--faults", "drop"], /key=value/],
      [["--secret-key", ""], /--secret-key/],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseCliArgs(argv, {}), argv.join(" ")).to.throw(CliUsageError, message);
    }
  });

  it("recognises --help and -h", () => {
    expect(parseCliArgs(["--help"], {})).to.deep.equal({ kind: "help" });
    expect(parseCliArgs(["-h"], {})).to.deep.equal({ kind: "help" });
  });
});

interface Started {
  child: ChildProcessWithoutNullStreams;
  firstLine: string;
  output: () => string;
  exit: Promise<number | null>;
}

function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
  let stdout = "";
  let stderr = "";
  const exit = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`CLI printed no first line in 30 s; stdout ${stdout}, stderr ${stderr}`));
    }, 30000);
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      const nl = stdout.indexOf("\n");
      if (nl >= 0) {
        clearTimeout(timer);
        resolveStart({ child, firstLine: stdout.slice(0, nl), output: () => stdout + stderr, exit });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited with ${code} before printing; stdout ${stdout}, stderr ${stderr}`));
    });
  });
}

describe("emulator: the tencentchat-emulator command", () => {
  const inTempDir = tempDirPerSuite("emulator-cli-");

  it("prints its URL first, serves calls, never prints the key, and exits 0 with state flushed on SIGTERM", async () => {
    const secretKey = "cli-test-secret-key-0123456789";
    const stateFile = inTempDir("cli-state.json");
    const started = await startCli([
      "--port",
      "0",
      "--secret-key",
      secretKey,
      "--import-users",
      "cli-owner",
      "--state-file",
      stateFile,
    ]);
    try {
      const match = /^tencentchat-emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(started.firstLine);
      expect(match, `first line: got ${JSON.stringify(started.firstLine)}`).to.not.equal(null);
      expect(Number(match![2])).to.be.greaterThan(0);
      const client = new EmulatorClient(match![1], { ...DEFAULT_CREDENTIALS, secretKey });
      const id = await client.createAccount({ Owner_Account: "cli-owner", Name: "From the CLI" });
      started.child.kill("SIGTERM");
      expect(await started.exit, `exit code; output:\n${started.output()}`).to.equal(0);
      expect(started.output(), "output").to.not.include(secretKey);
      const saved = parseSnapshot(JSON.parse(await readFile(stateFile, "utf8")));
      expect(saved.accounts.map((a) => a.Official_Account)).to.deep.equal([id]);
    } finally {
      started.child.kill("SIGKILL");
    }
  });

  it(`verifies UserSigs with the key from ${SECRET_KEY_ENV} and exits 0 on SIGINT`, async () => {
    const secretKey = "env-secret-key-abcdef";
    const started = await startCli(["--port", "0", "--quiet"], { [SECRET_KEY_ENV]: secretKey });
    try {
      const url = started.firstLine.replace("tencentchat-emulator listening on ", "");
      const good = new EmulatorClient(url, { ...DEFAULT_CREDENTIALS, secretKey });
      await good.ok("account_import", { UserID: "x" });
      const wrong = new EmulatorClient(url);
      expect((await wrong.call("account_import", { UserID: "x" })).ErrorCode).to.equal(70003);
      started.child.kill("SIGINT");
      expect(await started.exit).to.equal(0);
      expect(started.output()).to.not.include(secretKey);
    } finally {
      started.child.kill("SIGKILL");
    }
  });

  it("exits 2 with a usage message for a bad flag", async () => {
    const child = spawn(process.execPath, [CLI, "--port", "nope"]);
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => child.on("exit", done));
    expect(code).to.equal(2);
    expect(stderr).to.include("--port").and.include("Usage:");
  });
});
