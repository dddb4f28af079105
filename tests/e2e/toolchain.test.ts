/**
 * Guards the toolchain: the real Pulumi CLI, the Node.js language host and the
 * dynamic-provider shim run a TypeScript program through up, preview, refresh
 * and destroy, both as a CLI project and through the Automation API.
 */
import { expect } from "chai";
import { cpSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { createPulumiSandbox, PulumiSandbox, REPO_ROOT } from "../../scripts/pulumi-runner";

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
