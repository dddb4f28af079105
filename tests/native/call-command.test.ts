/**
 * `pulumi-tencent-chat call`: one signed command by hand, with the provider's
 * settings (TENCENTCHAT_* variables or flags), against the emulator. It prints
 * the vendor's answer, and for an error the hint for its code, naming the
 * settings as the user gave them.
 */
import { expect } from "chai";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import type { RunningEmulator } from "../../emulator";
import { REPO_ROOT } from "../../scripts/pulumi-runner";
import { startLocalChat } from "../../scripts/support/local-chat";

const run = promisify(execFile);
const CLI = path.join(REPO_ROOT, "bin", "pulumi-tencent-chat");

async function call(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  // Only the variables given: nothing from the machine's own TENCENTCHAT_* settings.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TENCENTCHAT_")));
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, "call", ...args], { env: { ...clean, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("pulumi-tencent-chat call", function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    const local = await startLocalChat("call-secret", { importUsers: ["newsroom"] });
    emulator = local.emulator;
    env = {
      TENCENTCHAT_ENDPOINT: emulator.url,
      TENCENTCHAT_SDKAPPID: String(local.settings.sdkAppId),
      TENCENTCHAT_IDENTIFIER: local.settings.identifier,
      TENCENTCHAT_SECRET_KEY: local.secretKey,
    };
  });
  after(() => emulator.close());

  it("signs and sends a command with the TENCENTCHAT_* settings and prints the vendor's answer", async () => {
    const body = '{"OfficialAccountUserID":"@TOA#_by_hand","Owner_Account":"newsroom","Name":"By hand"}';
    const created = await call(["create_official_account", body], env);
    expect(created.code, created.stderr).to.equal(0);
    expect(JSON.parse(created.stdout)).to.include({
      ActionStatus: "OK",
      ErrorCode: 0,
      OfficialAccountUserID: "@TOA#_by_hand",
    });
    const modified = await call(
      ["modify_official_account_base_info", '{"Official_Account":"@TOA#_by_hand","Introduction":"edited"}'],
      env,
    );
    expect(modified.code, modified.stderr).to.equal(0);
    expect(emulator.snapshot().accounts[0]).to.include({ Introduction: "edited" });
  });

  it("prints a failure's code and ErrorInfo, and the hint for it on stderr, exiting 1", async () => {
    const failed = await call(["create_official_account", '{"Owner_Account":"ghost","Name":"x"}'], env);
    expect(failed.code).to.equal(1);
    expect(JSON.parse(failed.stdout)).to.include({ ActionStatus: "FAIL", ErrorCode: 70107 });
    expect(failed.stderr).to.include("--import-users");
  });

  it("names the setting the user gave: the variable, or the flag", async () => {
    const viaEnv = await call(["account_import", '{"UserID":"x"}'], { ...env, TENCENTCHAT_SECRET_KEY: "wrong-key" });
    expect(viaEnv.code).to.equal(1);
    expect(viaEnv.stderr).to.include("70003").and.include("TENCENTCHAT_SECRET_KEY").and.not.include("wrong-key");
    const viaFlag = await call(["account_import", '{"UserID":"x"}', "--secret-key", "wrong-key"], env);
    expect(viaFlag.stderr).to.include("--secret-key").and.not.include("tencentchat:secretKey");
  });

  it("refuses an unknown command with the list of commands, before any call", async () => {
    const before = emulator.counters().total.calls;
    const unknown = await call(["modify_official_account", "{}"], env);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.include("modify_official_account_base_info").and.include("account_import");
    expect(emulator.counters().total.calls).to.equal(before);
  });
});
