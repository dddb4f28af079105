/**
 * State of existing resources keeps the provider text that created them, and
 * the engine runs that text for their read and delete. Because the shim only
 * requires the installed package by name, a resource created by an older
 * shim is still read and deleted by today's code.
 */
import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/pulumi-runner";
import { startChatStack, type ChatStack } from "../support/chat-stack";

/** A shim of another shape than today's, as an older release might have serialized it. */
const OLDER_SHIM = `exports.handler = __f0;

function __rt(self, config) {
  if (!self.impl) self.impl = require("pulumi-tencent-chat/provider-runtime").officialAccountProvider(config);
  return self.impl;
}

var __provider = {
  configure: async function (req) { __rt(this, req.config); },
  check: async function (olds, news) { return __rt(this).check(olds, news); },
  diff: async function (id, olds, news) { return __rt(this).diff(id, olds, news); },
  create: async function (inputs) { return __rt(this).create(inputs); },
  read: async function (id, props) { return __rt(this).read(id, props); },
  update: async function (id, olds, news) { return __rt(this).update(id, olds, news); },
  delete: async function (id, props) { return __rt(this).delete(id, props); },
};

function __f0() { return __provider; }
`;

/** The text 0.1.0 stored: seven methods, each with `??=` (fine for Node, which runs it; only serializing needed TS 4). */
const SHIM_0_1_0 = readFileSync(path.join(REPO_ROOT, "tests", "fixtures", "provider-shims", "0.1.0.txt"), "utf8");

const OLDER_SHIMS: Array<[string, string]> = [
  ["an older shape (a shared helper)", OLDER_SHIM],
  ["0.1.0 (seven methods with ??=)", SHIM_0_1_0],
];

interface ExportedResource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

for (const [label, olderShim] of OLDER_SHIMS) {
  describe(`a resource created by an older provider shim: ${label}`, function () {
    this.timeout(10 * 60 * 1000);
    let stack: ChatStack;

    before(async () => {
      stack = await startChatStack("shim-upgrade", { emulator: { importUsers: ["owner-1"] } });
    });
    after(async () => stack?.dispose());

    it("is refreshed, shows drift, and is deleted by today's package", async () => {
      await stack.setAccounts({ legacy: { ownerAccount: "owner-1", name: "Legacy", introduction: "v1" } });
      await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
      const id = ((await stack.outputs()).ids as Record<string, string>).legacy;

      const exported = JSON.parse((await stack.pulumiOk(["stack", "export"])).stdout);
      const resource = (exported.deployment.resources as ExportedResource[]).find((r) =>
        r.type.endsWith("OfficialAccount"),
      )!;
      expect(String(resource.outputs!.__provider).length, "today's shim stays small").to.be.below(4096);
      resource.outputs!.__provider = olderShim;
      resource.inputs!.__provider = olderShim;
      const file = path.join(stack.sandbox.dir, "older-shim-state.json");
      writeFileSync(file, JSON.stringify(exported));
      await stack.pulumiOk(["stack", "import", "--file", file]);

      await stack.api.modify(id, { introduction: "changed by hand" });
      await stack.pulumiOk(["refresh", "--yes", "--skip-preview"]);
      const afterRefresh = JSON.parse((await stack.pulumiOk(["stack", "export"])).stdout);
      const refreshed = (afterRefresh.deployment.resources as ExportedResource[]).find((r) =>
        r.type.endsWith("OfficialAccount"),
      )!;
      expect(refreshed.outputs!.introduction, "read ran through the older shim").to.equal("changed by hand");
      expect(refreshed.outputs!.__provider, "refresh keeps the stored shim").to.equal(olderShim);

      const preview = await stack.pulumi(["preview", "--expect-no-changes"]);
      expect(preview.code, "the drift shows").to.not.equal(0);

      stack.resetCalls();
      await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
      expect(stack.calls("destroy_official_account")).to.equal(1);
      expect(stack.live(id), "deleted through the older shim").to.equal(undefined);
    });
  });
}
