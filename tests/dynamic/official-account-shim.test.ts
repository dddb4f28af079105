/**
 * The provider text every OfficialAccount stores in state (`__provider`).
 * @pulumi/pulumi parses it when serializing; in a plain-JavaScript program
 * with no `typescript` installed it uses the TypeScript 3.8.3 it vendors, so
 * the shim must parse with that (the rule beside the shim in
 * provider/official-account.ts). The text then must work as the engine's
 * dynamic host loads it: configure once, then every method.
 */
import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { REPO_ROOT } from "../../scripts/pulumi-runner";
import { serializeWithVendoredParser, type SerializedProvider } from "../support/vendored-parser";

const SHIM_MODULE = path.join(REPO_ROOT, "dist", "provider", "dynamic", "official-account.js");

/** The shim as 0.1.0 shipped it: `??=` (TypeScript 4.0 syntax) in six methods. */
const NULLISH_ASSIGNMENT_SHIM = `
exports.shim = {
  async configure(req) { this.impl = require("pulumi-tencent-chat/provider-runtime").officialAccountProvider(req.config); },
  async check(olds, news) {
    return (this.impl ??= require("pulumi-tencent-chat/provider-runtime").officialAccountProvider()).check(olds, news);
  },
};
`;

/** Loads serialized text the way @pulumi/pulumi's dynamic host does (requireFromString, then handler()). */
function loadSerialized(text: string): Record<string, (...args: unknown[]) => Promise<unknown>> {
  const mod = new Module(path.join(REPO_ROOT, "__provider.js")) as Module & {
    _compile(code: string, file: string): void;
    paths: string[];
  };
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(REPO_ROOT);
  mod._compile(text, path.join(REPO_ROOT, "__provider.js"));
  return (mod.exports as { handler(): Record<string, (...args: unknown[]) => Promise<unknown>> }).handler();
}

describe("the serialized OfficialAccount provider shim", function () {
  this.timeout(60_000);
  let serialized: SerializedProvider;
  let emulator: RunningEmulator;

  before(async () => {
    serialized = serializeWithVendoredParser(SHIM_MODULE, "officialAccountShim");
    emulator = await startEmulator({ secretKey: "shim-test-key", importUsers: ["alice"] });
  });
  after(async () => emulator?.close());

  it("serializes with the TypeScript 3.8.3 parser @pulumi/pulumi falls back to", () => {
    expect(serialized.parser, "the child used the vendored parser").to.equal("3.8.3");
    expect(serialized.error, "serialization error").to.equal(undefined);
    expect(serialized.text).to.be.a("string").and.include("pulumi-tencent-chat/provider-runtime");
  });

  it("stays within its size budget: state holds it twice per resource, and every checkpoint rewrites it", () => {
    // 0.1.0's seven-method shim was 2768 characters; the bench's trivial baseline provider is about 1700.
    expect(serialized.text!.length, serialized.text).to.be.below(1024);
  });

  it("would catch syntax the old parser rejects: the `??=` shim of 0.1.0 fails to serialize", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "shim-parse-"));
    try {
      const file = path.join(dir, "nullish-assignment-shim.js");
      writeFileSync(file, NULLISH_ASSIGNMENT_SHIM);
      const old = serializeWithVendoredParser(file, "shim");
      expect(old.parser).to.equal("3.8.3");
      expect(old.text, "no text for a shim the parser rejects").to.equal(undefined);
      expect(old.error).to.match(/function 'check'.*could not be parsed: Expression expected/s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("loaded as the dynamic host loads it, serves check, diff, create, read, update and delete", async () => {
    expect(serialized.text, `serialized text (error: ${serialized.error})`).to.be.a("string");
    const provider = loadSerialized(serialized.text!);
    const config: Record<string, string> = {
      "tencentchat:sdkAppId": "1400000000",
      "tencentchat:identifier": "administrator",
      "tencentchat:secretKey": "shim-test-key",
      "tencentchat:endpoint": emulator.url,
    };
    await provider.configure({ config: { get: (key: string) => config[key] } });

    const bad = (await provider.check({}, { ownerAccount: "alice", idSeed: "p/s/bad" })) as { failures?: unknown[] };
    expect(JSON.stringify(bad.failures), "check ran the real validation").to.include("name");

    const { inputs } = (await provider.check({}, { ownerAccount: "alice", name: "Shim", idSeed: "p/s/shim" })) as {
      inputs: Record<string, unknown>;
    };
    const created = (await provider.create(inputs)) as { id: string; outs: Record<string, unknown> };
    expect(emulator.snapshot().accounts.map((a) => a.Official_Account)).to.include(created.id);

    const news = { ...inputs, introduction: "through the shim" };
    const diff = (await provider.diff(created.id, created.outs, news)) as { changes: boolean };
    expect(diff.changes).to.equal(true);
    await provider.update(created.id, created.outs, news);
    const read = (await provider.read(created.id, created.outs)) as { props: Record<string, unknown> };
    expect(read.props.introduction).to.equal("through the shim");

    await provider.delete(created.id, read.props);
    expect(emulator.snapshot().accounts.map((a) => a.Official_Account)).to.not.include(created.id);
  });
});
