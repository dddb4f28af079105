/**
 * `pulumi-tencent-chat install-plugin` leaves the plugin cache layout the
 * engine reads (folder, `.lock`, no `.partial`), and the installed plugin is
 * self-contained: started from a folder outside this repository (so Node
 * cannot fall back to the repo's node_modules), it serves the schema.
 */
import { expect } from "chai";
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { packageVersion } from "../../provider/chat/package-info";
import { schemaText } from "../../provider/native/schema";
import { grpc } from "../../provider/native/server";
import { REPO_ROOT } from "../../scripts/pulumi-runner";

const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/proto/provider_pb"));
const proto = fromPulumi("./provider_pb");
const { ResourceProviderClient } = fromPulumi("./provider_grpc_pb");

describe("install-plugin", function () {
  this.timeout(120_000);
  let home: string;
  let dir: string;
  let plugin: ChildProcess | undefined;

  // Made when the suite runs, not when mocha loads the file, so a run that skips it leaves nothing in /tmp.
  before(() => {
    home = mkdtempSync(path.join(tmpdir(), "tencentchat-plugin-home-"));
    dir = path.join(home, "plugins", `resource-tencentchat-v${packageVersion()}`);
  });
  after(() => {
    plugin?.kill();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it("installs into $PULUMI_HOME/plugins/resource-tencentchat-v<version> with the engine's lock layout", () => {
    const out = execFileSync(process.execPath, [path.join(REPO_ROOT, "bin", "pulumi-tencent-chat"), "install-plugin"], {
      env: { ...process.env, PULUMI_HOME: home },
      encoding: "utf8",
    });
    expect(out).to.include(dir);
    expect(statSync(path.join(dir, "pulumi-resource-tencentchat")).mode & 0o111, "executable").not.to.equal(0);
    expect(existsSync(`${dir}.lock`), ".lock").to.equal(true);
    expect(existsSync(`${dir}.partial`), "no .partial once done").to.equal(false);
    expect(existsSync(path.join(dir, "package", "node_modules", "@grpc", "grpc-js")), "grpc-js copied").to.equal(true);
  });

  it("the installed plugin runs on its own, outside the repository, and serves the schema", async () => {
    plugin = spawn(path.join(dir, "pulumi-resource-tencentchat"), ["127.0.0.1:1"], {
      cwd: home,
      env: { PATH: "/usr/bin:/bin" }, // no node_modules/.bin, no NODE_PATH
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    plugin.stderr!.on("data", (chunk: Buffer) => (stderr += chunk));
    const port = await new Promise<string>((resolve, reject) => {
      plugin!.stdout!.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
      plugin!.once("exit", (code) => reject(new Error(`plugin exited with ${code}: ${stderr}`)));
    });
    expect(port).to.match(/^\d+$/);
    const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const schema = await new Promise<string>((resolve, reject) =>
      client.getSchema(new proto.GetSchemaRequest(), (error: Error | null, response: { getSchema(): string }) =>
        error ? reject(error) : resolve(response.getSchema()),
      ),
    );
    client.close();
    expect(schema).to.equal(schemaText());
  });
});
