/**
 * Guards the toolchain: the real Pulumi CLI, the Node.js language host and the
 * dynamic-provider shim run a TypeScript program through up, preview, refresh
 * and destroy, both as a CLI project and through the Automation API.
 */
import { expect } from "chai";
import { cpSync, existsSync, linkSync, mkdirSync, copyFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { createPulumiSandbox, pulumiBinDir, PulumiSandbox, REPO_ROOT } from "../../scripts/pulumi-runner";

const TOOLCHAIN_PIECES = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"] as const;

/** A PATH holding every toolchain piece but `missing`, and no other copy of any piece. */
function pathWithout(missing: string, into: string): string {
  mkdirSync(into, { recursive: true });
  const sources = pulumiBinDir().split(path.delimiter);
  for (const piece of TOOLCHAIN_PIECES) {
    if (piece === missing) continue;
    const source = sources.map((dir) => path.join(dir, piece)).find((file) => existsSync(file))!;
    try {
      linkSync(source, path.join(into, piece)); // a copy, not a symlink: pulumi looks beside its real path
    } catch {
      copyFileSync(source, path.join(into, piece));
    }
  }
  const others = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((dir) => dir && !TOOLCHAIN_PIECES.some((piece) => existsSync(path.join(dir, piece))));
  return [into, path.join(REPO_ROOT, "node_modules", ".bin"), ...others].join(path.delimiter);
}

describe("toolchain: the real Pulumi engine", function () {
  this.timeout(10 * 60 * 1000);
  let sandbox: PulumiSandbox;

  before(() => {
    sandbox = createPulumiSandbox("toolchain");
  });
  after(() => sandbox?.dispose());

  it("runs a TypeScript program with a dynamic resource through up, preview, refresh and destroy", async () => {
    const programDir = path.join(sandbox.dir, "program");
    cpSync(path.join(REPO_ROOT, "tests", "fixtures", "toolchain-program"), programDir, { recursive: true });
    const cwd = programDir;
    await sandbox.runOk(["stack", "init", "toolchain"], { cwd });

    const up = await sandbox.runOk(["up", "--yes", "--skip-preview"], { cwd });
    expect(up.output).to.match(/\+ 2 created/);
    const outputs = JSON.parse((await sandbox.runOk(["stack", "output", "--json"], { cwd })).stdout);
    expect(outputs.echoId, "id made by the dynamic provider").to.equal("echo-hello");
    expect(Number(/^v(\d+)/.exec(outputs.programNodeVersion)?.[1])).to.be.at.least(22);
    expect(Number(/^v(\d+)/.exec(outputs.providerNodeVersion)?.[1])).to.be.at.least(22);

    await sandbox.runOk(["preview", "--expect-no-changes"], { cwd });
    const refresh = await sandbox.runOk(["refresh", "--yes", "--skip-preview"], { cwd });
    expect(refresh.output).to.match(/2 unchanged/);

    await sandbox.runOk(["config", "set", "word", "world"], { cwd });
    const changed = await sandbox.run(["preview", "--expect-no-changes"], { cwd });
    expect(changed.code, "a changed input must make --expect-no-changes fail").to.not.equal(0);
    await sandbox.runOk(["up", "--yes", "--skip-preview"], { cwd });
    const after = JSON.parse((await sandbox.runOk(["stack", "output", "--json"], { cwd })).stdout);
    expect(after.echoId).to.equal("echo-world");

    const destroy = await sandbox.runOk(["destroy", "--yes", "--skip-preview"], { cwd });
    expect(destroy.output).to.match(/2 deleted/);
  });

  for (const missing of ["pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"]) {
    it(`fails without ${missing}, so the test above proves the toolchain`, async () => {
      const programDir = path.join(sandbox.dir, `without-${missing}`);
      cpSync(path.join(REPO_ROOT, "tests", "fixtures", "toolchain-program"), programDir, { recursive: true });
      const env = { PATH: pathWithout(missing, path.join(sandbox.dir, `bin-without-${missing}`)) };
      await sandbox.runOk(["stack", "init", `without-${missing}`], { cwd: programDir, env });
      const up = await sandbox.run(["up", "--yes", "--skip-preview"], { cwd: programDir, env });
      expect(up.code, up.output).to.not.equal(0);
      if (missing === "pulumi-language-nodejs") expect(up.output).to.include("no language plugin");
      else expect(up.output).to.match(/1 errored/);
    });
  }

  it("fails without the pulumi CLI itself", async () => {
    const env = { PATH: pathWithout("pulumi", path.join(sandbox.dir, "bin-without-cli")) };
    const error = await sandbox.run(["version"], { env }).then(
      () => undefined,
      (e: NodeJS.ErrnoException) => e,
    );
    expect(error?.code).to.equal("ENOENT");
  });

  it("runs an inline program through the Automation API LocalWorkspace", async () => {
    const previousPath = process.env.PATH;
    process.env.PATH = sandbox.env.PATH;
    try {
      const program = async () => {
        const provider: pulumi.dynamic.ResourceProvider = {
          async create(inputs) {
            return { id: `inline-${inputs.n}`, outs: inputs };
          },
        };
        const thing = new (class extends pulumi.dynamic.Resource {
          constructor() {
            super(provider, "inline", { n: 7 }, {}, "toolchain", "Inline");
          }
        })();
        return { thingId: thing.id };
      };
      const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: "inline", projectName: "toolchain-inline", program },
        {
          workDir: sandbox.dir,
          pulumiHome: sandbox.env.PULUMI_HOME,
          envVars: {
            PULUMI_BACKEND_URL: sandbox.env.PULUMI_BACKEND_URL!,
            PULUMI_CONFIG_PASSPHRASE: sandbox.env.PULUMI_CONFIG_PASSPHRASE!,
            PULUMI_SKIP_UPDATE_CHECK: "true",
          },
          projectSettings: { name: "toolchain-inline", runtime: "nodejs" },
        },
      );
      const up = await stack.up();
      expect(up.summary.result).to.equal("succeeded");
      expect(up.outputs.thingId.value).to.equal("inline-7");
      const preview = await stack.preview();
      expect(preview.changeSummary.create ?? 0).to.equal(0);
      expect(preview.changeSummary.update ?? 0).to.equal(0);
      const refresh = await stack.refresh();
      expect(refresh.summary.result).to.equal("succeeded");
      const destroy = await stack.destroy();
      expect(destroy.summary.resourceChanges?.delete).to.equal(2);
    } finally {
      process.env.PATH = previousPath;
    }
  });
});
