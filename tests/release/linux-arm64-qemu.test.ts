/**
 * The linux-arm64 plugin runs: started under qemu's user-mode emulation
 * (installed by scripts/release/ensure-qemu.sh when missing, with the aarch64
 * C/C++ libraries as its library root) with no node on PATH, it prints its
 * port and answers GetSchema with the package's schema.
 */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import * as path from "node:path";
import { schemaText } from "../../provider/native/schema";
import { REPO_ROOT } from "../../scripts/pulumi-runner";
import { releasePlatform } from "../../scripts/release/platforms";
import { executableFormatOf } from "./executable-format";
import { getSchema, startPlugin, type RunningPlugin } from "./plugin-client";
import { unpackReleasePlugin } from "./unpacked-release";

const LINUX_ARM64 = releasePlatform("linux-arm64");

describe("linux-arm64 plugin under qemu user emulation", function () {
  let scratch: string;
  let plugin: string;
  let noNodeEnv: NodeJS.ProcessEnv;
  let qemu: string;
  let sysroot: string;
  let running: RunningPlugin | undefined;

  before(async function () {
    this.timeout(1_200_000); // a cold release build, and qemu's installation on a fresh machine
    [qemu, sysroot] = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "release", "ensure-qemu.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    })
      .trim()
      .split("\n");
    ({ scratch, plugin, noNodeEnv } = await unpackReleasePlugin(LINUX_ARM64, "arm64"));
  });
  after(async () => {
    await running?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("the unpacked executable is an ELF aarch64 program (so qemu, not the host, runs it)", () => {
    expect(executableFormatOf(plugin)).to.equal("ELF aarch64");
  });

  it("starts, prints its port and answers GetSchema with the package's schema", async function () {
    this.timeout(600_000); // emulated start-up on a busy 2-core machine
    running = await startPlugin(qemu, ["-L", sysroot, plugin, "127.0.0.1:1"], noNodeEnv, scratch);
    expect(await getSchema(running.port)).to.equal(schemaText());
  });
});
