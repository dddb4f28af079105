/**
 * The linux-amd64 executables of the release need no Node: unpacked outside
 * the repository and started with a PATH that has no `node` and no `npm`
 * (the suite proves it), the plugin answers GetSchema with the package's
 * schema, and the emulator serves the Chat REST API to our client.
 */
import { expect } from "chai";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import * as path from "node:path";
import { ChatClient, OfficialAccountsApi } from "../../provider/chat";
import { schemaText } from "../../provider/native/schema";
import { releasePlatform } from "../../scripts/release/platforms";
import { unpackExecutable, type ReleaseBuild } from "../support/release-build";
import { getSchema, startPlugin } from "./plugin-client";
import { unpackReleasePlugin } from "./unpacked-release";

const LINUX_AMD64 = releasePlatform("linux-amd64");
const SDK_APP_ID = 1400012345;
const ADMIN = "release-admin";
const OWNER = "release-owner";

describe("linux-amd64 executables run with no node on PATH", function () {
  let scratch: string;
  let plugin: string;
  let emulator: string;
  /** The whole environment of every process started here: an empty folder as PATH. */
  let noNodeEnv: NodeJS.ProcessEnv;
  const started: ChildProcess[] = [];

  before(async function () {
    this.timeout(900_000); // a cold release build
    let release: ReleaseBuild;
    ({ release, scratch, plugin, noNodeEnv } = await unpackReleasePlugin(LINUX_AMD64, "no-node"));
    emulator = unpackExecutable(
      release.emulatorArchive("linux", "amd64"),
      "emulator",
      LINUX_AMD64,
      path.join(scratch, "emulator"),
    );
  });
  after(() => {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("the environment has neither node nor npm (command -v fails for both)", () => {
    for (const tool of ["node", "npm"]) {
      expect(
        () => execFileSync("/bin/sh", ["-c", `command -v ${tool}`], { env: noNodeEnv, stdio: "pipe" }),
        `command -v ${tool}`,
      ).to.throw();
    }
  });

  it("the plugin starts, prints its port and answers GetSchema with the package's schema", async function () {
    this.timeout(120_000);
    const running = await startPlugin(plugin, ["127.0.0.1:1"], noNodeEnv, scratch);
    started.push(running.process);
    try {
      expect(await getSchema(running.port)).to.equal(schemaText());
      expect(running.stderr(), "no warning (e.g. a rejected code cache) on stderr").to.equal("");
    } finally {
      await running.stop();
    }
  });

  it("the emulator starts and serves a create and a read from our client", async function () {
    this.timeout(120_000);
    const secretKey = "release-test-secret";
    const child = spawn(
      emulator,
      [
        "--port",
        "0",
        "--quiet",
        "--sdk-app-id",
        String(SDK_APP_ID),
        "--identifier",
        ADMIN,
        "--secret-key",
        secretKey,
        "--import-users",
        OWNER,
      ],
      { cwd: scratch, env: noNodeEnv, stdio: ["ignore", "pipe", "pipe"] },
    );
    started.push(child);
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        stdout += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(stdout);
        if (match) resolve(match[1]);
      });
      child.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${stderr}`)));
    });
    const api = new OfficialAccountsApi(
      new ChatClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, secretKey, endpoint: url }),
    );
    const id = "@TOA#_release_check";
    await api.create({ officialAccountUserId: id, ownerAccount: OWNER, name: "Release check" });
    const account = await api.get(id);
    expect(account?.name).to.equal("Release check");
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited, "exit code after SIGTERM").to.equal(0);
  });
});
