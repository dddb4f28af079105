/**
 * The native plugin prints its port before the Chat client loads (provider/native/lazy.ts): what it
 * imports up front from provider/chat/ (the call observer, the redactor, and the option defaults the
 * settings table names) must not pull in axios or UserSig signing. Each case loads modules in a fresh
 * Node process and lists what came with them.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect } from "chai";

/** Modules of the client's heavy half: the HTTP library, the signing library, and our files that load them. */
const HEAVY =
  /node_modules[\\/](axios|tls-sig-api-v2)[\\/]|provider[\\/]chat[\\/](client|transport|user-sig-cache)\.js$/;

/** The heavy modules a fresh Node process has loaded after requiring `modules` (compiled files under dist/). */
function heavyModulesLoadedBy(...modules: string[]): string[] {
  const paths = modules.map((module) => join(__dirname, "..", "..", module));
  const script =
    `for (const path of ${JSON.stringify(paths)}) require(path);` +
    `process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const loaded = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as string[];
  return loaded.filter((path) => HEAVY.test(path)).map((path) => path.replace(/^.*(node_modules|provider)/, "$1"));
}

describe("chat client: what loads before the native plugin prints its port", () => {
  it("the native server module and the client's options load neither axios nor UserSig signing", () => {
    const loaded = heavyModulesLoadedBy(
      "provider/native/server.js",
      "provider/chat/call-observer.js",
      "provider/chat/redact.js",
      "provider/chat/client-options.js",
    );
    expect(loaded, `heavy modules loaded: want none, got ${loaded.join(", ")}`).to.deep.equal([]);
  });

  it("the chat index loads them (so the check above can fail)", () => {
    const loaded = heavyModulesLoadedBy("provider/chat/index.js");
    for (const heavy of ["node_modules/axios/", "node_modules/tls-sig-api-v2/", "provider/chat/transport.js"]) {
      expect(
        loaded.some((path) => path.replace(/\\/g, "/").includes(heavy)),
        `${heavy} among ${loaded.join(", ")}`,
      ).to.equal(true);
    }
  });
});
