import { expect } from "chai";
import { inspect } from "node:util";
import type { RunningEmulator } from "../../emulator";
import { ChatApiError, ChatClient, OfficialAccountsApi } from "../../provider/chat";
import { DEFAULT_SECRET_KEY, FAST_RETRIES, clientFor, startChatEmulator, uniqueId } from "./helpers";
import { envelope, startRecordingProxy, type TestServer, withTestServer } from "./test-server";

const OWNER = "secret-owner";
const WRONG_KEY = "a-wrong-secret-key-that-must-not-leak-either";

/** Every way a client or an error may be turned into text. */
function renderings(value: unknown): string[] {
  const out = [
    String(value),
    JSON.stringify(value) ?? "",
    inspect(value),
    inspect(value, { showHidden: true, depth: 20, getters: true }),
  ];
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? "", inspect(value.cause, { showHidden: true, depth: 20 }));
  }
  return out;
}

/** Fails naming the first secret found in any text, without printing the secret itself. */
function expectNoSecrets(texts: string[], secrets: string[], what: string): void {
  for (const [t, text] of texts.entries()) {
    for (const [s, secret] of secrets.entries()) {
      expect(text.includes(secret), `${what}: text #${t} contains secret #${s} (want absent)`).to.equal(false);
    }
    expect(/usersig=(?!\[redacted\])[^&\s]/i.test(text), `${what}: text #${t} has a usersig= value`).to.equal(false);
  }
}

describe("chat client: secrets stay secret", () => {
  let emulator: RunningEmulator;
  let proxy: TestServer;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  before(async () => {
    emulator = await startChatEmulator({ importUsers: [OWNER] });
    // The proxy records the UserSigs the clients send, so the test knows what to look for.
    proxy = await startRecordingProxy(emulator.url);
  });
  after(async () => {
    await proxy.close();
    await emulator.close();
  });

  function sentUserSigs(server: TestServer = proxy): string[] {
    return [...new Set(server.requests.map((r) => r.url.searchParams.get("usersig") ?? ""))].filter((s) => s !== "");
  }

  it("keeps the secret key and UserSigs out of messages, logs, inspect and JSON of clients and errors", async () => {
    const good = clientFor(proxy.url, { ...FAST_RETRIES, maxRetries: 1, log });
    const bad = clientFor(proxy.url, { ...FAST_RETRIES, secretKey: WRONG_KEY, log });
    const goodApi = new OfficialAccountsApi(good);
    const errors: ChatApiError[] = [];
    const collect = async (promise: Promise<unknown>) => {
      try {
        await promise;
      } catch (error) {
        errors.push(error as ChatApiError);
      }
    };

    const id = uniqueId("secret");
    await goodApi.create({ officialAccountUserId: id, ownerAccount: OWNER, name: "Secret keeper" });
    await collect(goodApi.create({ officialAccountUserId: id, ownerAccount: OWNER, name: "Again" })); // 130008
    await collect(new OfficialAccountsApi(bad).get(id)); // 70003
    emulator.setFaults({ drop: 1 });
    await collect(goodApi.getInfo([id])); // dropped connections
    emulator.setFaults({ http502: 1 });
    await collect(goodApi.destroy(id)); // HTTP 502
    emulator.setFaults({ latencyMs: 500 });
    await collect(new OfficialAccountsApi(clientFor(proxy.url, { timeoutMs: 50, maxRetries: 0, log })).get(id)); // timeout
    emulator.setFaults({});

    expect(errors.map((e) => e.code)).to.include.members([130008, 70003, -1]);
    const sigs = sentUserSigs();
    expect(sigs.length, "UserSigs seen on the wire").to.be.at.least(2);
    const secrets = [DEFAULT_SECRET_KEY, WRONG_KEY, ...sigs];
    expect(lines.length, "log lines captured").to.be.greaterThan(5);
    expectNoSecrets(lines, secrets, "log lines");
    for (const error of errors) expectNoSecrets(renderings(error), secrets, `error ${error.code}`);
    for (const client of [good, bad]) expectNoSecrets(renderings(client), secrets, "client");
    expectNoSecrets(renderings(goodApi), secrets, "OfficialAccountsApi");
    expect(inspect(good)).to.match(/^ChatClient \{/);
    expect(Object.keys(good)).to.not.include("secretKey");
  });

  it("scrubs secrets a server echoes back in ErrorInfo or an error page", async () => {
    let echo: "envelope" | "page" = "envelope";
    await withTestServer(
      (request) => {
        const sig = request.url.searchParams.get("usersig");
        const text = `you sent usersig ${sig} for key ${DEFAULT_SECRET_KEY} at ${request.url.pathname}${request.url.search}`;
        return echo === "envelope" ? { body: envelope(70009, text) } : { status: 500, body: `<pre>${text}</pre>` };
      },
      async (server) => {
        const client = clientFor(server.url, { ...FAST_RETRIES, maxRetries: 0, log });
        const api = new OfficialAccountsApi(client);
        const errors: ChatApiError[] = [];
        for (const mode of ["envelope", "page"] as const) {
          echo = mode;
          try {
            await api.get("@TOA#_echo");
          } catch (error) {
            errors.push(error as ChatApiError);
          }
        }
        expect(errors.map((e) => e.code)).to.deep.equal([70009, -1]);
        expect(errors[0].info).to.contain("[redacted]");
        const secrets = [DEFAULT_SECRET_KEY, ...sentUserSigs(server)];
        for (const error of errors) expectNoSecrets(renderings(error), secrets, `echoed error ${error.code}`);
        expectNoSecrets(lines, secrets, "log lines");
      },
    );
  });

  it("does not expose the secret key as a property of the client", () => {
    const client = new ChatClient({
      sdkAppId: 1,
      identifier: "admin",
      secretKey: "property-check-secret",
      endpoint: proxy.url,
    });
    const props = Object.getOwnPropertyNames(client).map((name) =>
      String((client as unknown as Record<string, unknown>)[name]),
    );
    expect(props.join(" ")).to.not.contain("property-check-secret");
    expect(JSON.stringify(client)).to.not.contain("property-check-secret");
  });
});
