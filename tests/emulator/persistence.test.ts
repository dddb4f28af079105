import { expect } from "chai";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { startEmulator, type EmulatorStateSnapshot, type RunningEmulator } from "../../emulator";
import { ChatState, parseSnapshot } from "../../emulator/state";
import { FileStorage } from "../../emulator/storage";
import { EmulatorClient, sleep, tempDirPerSuite } from "./helpers";

const OWNER = "persist-owner";

describe("emulator: state file", () => {
  const inTempDir = tempDirPerSuite("emulator-state-");

  it("keeps accounts, users and subscriptions across a restart", async () => {
    const stateFile = inTempDir("restart.json");
    let emulator: RunningEmulator = await startEmulator({ stateFile, importUsers: [OWNER] });
    let before: EmulatorStateSnapshot;
    try {
      const client = new EmulatorClient(emulator.url);
      await client.importUsers("reader");
      const id = await client.createAccount({
        OfficialAccountUserID: "@TOA#_kept",
        Owner_Account: OWNER,
        Name: "Kept",
        Introduction: "中文",
      });
      await client.ok("add_subscriber", { Official_Account: id, SubscriberList: [{ Subscriber_Account: "reader" }] });
      await client.createAccount({ OfficialAccountUserID: "@TOA#_destroyed", Owner_Account: OWNER, Name: "Gone" });
      await client.ok("destroy_official_account", { Official_Account: "@TOA#_destroyed" });
      before = emulator.snapshot();
    } finally {
      await emulator.close();
    }
    emulator = await startEmulator({ stateFile });
    try {
      expect(emulator.snapshot(), "state after restart").to.deep.equal(before);
      const client = new EmulatorClient(emulator.url);
      await client.fail(
        "create_official_account",
        { OfficialAccountUserID: "@TOA#_kept", Owner_Account: OWNER, Name: "x" },
        130008,
      );
      const list = await client.ok<{ ActionStatus: "OK"; ErrorCode: number; ErrorInfo: string; TotalCount: number }>(
        "get_subscribed_official_account_list",
        { Subscriber_Account: "reader" },
      );
      expect(list.TotalCount).to.equal(1);
      expect(emulator.counters().total.calls, "counters start from zero after a restart").to.equal(2);
    } finally {
      await emulator.close();
    }
  });

  it("writes the file soon after a change, without waiting for close", async () => {
    const stateFile = inTempDir("soon.json");
    const emulator = await startEmulator({ stateFile });
    try {
      await new EmulatorClient(emulator.url).ok("account_import", { UserID: "early" });
      let users: string[] = [];
      for (let i = 0; i < 100 && !users.includes("early"); i++) {
        await sleep(20);
        users = await readFile(stateFile, "utf8").then(
          (t) => parseSnapshot(JSON.parse(t)).users,
          () => [],
        );
      }
      expect(users).to.include("early");
    } finally {
      await emulator.close();
    }
  });

  it("refuses to start on a state file it cannot read, and leaves the file alone", async () => {
    const stateFile = inTempDir("corrupt.json");
    await writeFile(stateFile, "{ this is not json");
    let error: unknown;
    try {
      const emulator = await startEmulator({ stateFile });
      await emulator.close();
    } catch (e) {
      error = e;
    }
    expect(String(error), "start error").to.match(/cannot load emulator state file/);
    expect(await readFile(stateFile, "utf8")).to.equal("{ this is not json");
  });

  it("serializes concurrent saves: the file is always whole, holds the last state, and no temp file is left", async () => {
    const stateFile = inTempDir("concurrent.json");
    const storage = new FileStorage(
      stateFile,
      (e) => {
        throw e;
      },
      0,
    );
    const state: ChatState = new ChatState(() => storage.scheduleSave(() => state.snapshot()));
    const reads: Array<Promise<void>> = [];
    for (let i = 0; i < 300; i++) {
      state.importUser(`user-${i}`);
      if (i % 10 === 0) {
        await sleep(1);
        reads.push(
          readFile(stateFile, "utf8").then(
            (text) => void parseSnapshot(JSON.parse(text)),
            (e: NodeJS.ErrnoException) => {
              if (e.code !== "ENOENT") throw e;
            },
          ),
        );
      }
    }
    await Promise.all(reads);
    await Promise.all([storage.flush(), storage.flush()]);
    const saved = parseSnapshot(JSON.parse(await readFile(stateFile, "utf8")));
    expect(saved.users).to.have.length(300);
    expect(
      (await readdir(inTempDir())).filter((f) => f.endsWith(".tmp")),
      "temp files left",
    ).to.deep.equal([]);
  });

  it("rejects a state file with the wrong shape", () => {
    for (const doc of [null, [], { version: 2 }, { version: 1, users: [1], accounts: [], subscriptions: [] }]) {
      expect(() => parseSnapshot(doc), JSON.stringify(doc)).to.throw(/invalid emulator state/);
    }
    const orphan = { version: 1, users: [], accounts: [], subscriptions: [{ Official_Account: "@TOA#_x" }] };
    expect(() => parseSnapshot(orphan)).to.throw(/names no account/);
  });

  it("loads an account written before a field with a default existed, and rejects one missing a field without", () => {
    const account = {
      Official_Account: "@TOA#_old",
      Owner_Account: "o",
      Name: "Old",
      Introduction: "",
      FaceUrl: "",
      Organization: "",
      CustomString: "",
      CreateTime: 1,
      LastMsgTime: 0,
    };
    const doc = { version: 1, users: ["o"], accounts: [account], subscriptions: [] };
    expect(parseSnapshot(doc).accounts[0]).to.include({ MaxSubscriberNum: 100000, SubscriberNum: 0 });
    const { Name: _name, ...nameless } = account;
    expect(() => parseSnapshot({ ...doc, accounts: [nameless] })).to.throw(/accounts\[0\]\.Name must be a string/);
  });
});
