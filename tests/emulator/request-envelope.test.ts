import { expect } from "chai";
import { signUserSig } from "../../chat-api/user-sig";
import {
  DEFAULT_IDENTIFIER,
  DEFAULT_SDK_APP_ID,
  DEFAULT_SECRET_KEY,
  startEmulator,
  type RunningEmulator,
} from "../../emulator";
import { EmulatorClient, expectCode, rawRequest, sortedKeys, type Reply } from "./helpers";

describe("emulator: the request envelope", () => {
  let emulator: RunningEmulator;
  let client: EmulatorClient;
  const body = JSON.stringify({ OfficialAccountIdList: [{ Official_Account: "@TOA#_envelope" }] });
  const command = "get_official_account_info";

  async function callWith(overrides: Record<string, string | null>): Promise<Reply> {
    return client.call(command, body, overrides);
  }

  before(async () => {
    emulator = await startEmulator({ rateLimitPerSecond: 0 });
    client = new EmulatorClient(emulator.url);
  });
  after(() => emulator.close());

  it("answers a correctly signed call with HTTP 200, JSON and ActionStatus OK", async () => {
    const res = await rawRequest(client.url(command), { body });
    expect(res.status, "HTTP status").to.equal(200);
    expect(res.headers["content-type"], "content type").to.match(/^application\/json/);
    const reply = JSON.parse(res.text) as Reply;
    expectCode(reply, 0);
    expect(sortedKeys(reply)).to.deep.equal(["ActionStatus", "ErrorCode", "ErrorInfo", "OfficialAccountInfoList"]);
  });

  it("answers 60012 when sdkappid is missing and 60006 when it is wrong or not a number", async () => {
    expectCode(await callWith({ sdkappid: null }), 60012);
    expectCode(await callWith({ sdkappid: "" }), 60012);
    expectCode(await callWith({ sdkappid: String(DEFAULT_SDK_APP_ID + 1) }), 60006);
    expectCode(await callWith({ sdkappid: "abc" }), 60006);
  });

  it("answers 60004 when identifier is missing", async () => {
    expectCode(await callWith({ identifier: null }), 60004);
  });

  it("answers 70002 for an empty UserSig and 70003 for a malformed one", async () => {
    expectCode(await callWith({ usersig: null }), 70002);
    expectCode(await callWith({ usersig: "" }), 70002);
    expectCode(await callWith({ usersig: "not-a-usersig" }), 70003);
  });

  it("answers 70003 for a UserSig signed with another secret key", async () => {
    const sig = signUserSig(DEFAULT_SDK_APP_ID, "some-other-key", DEFAULT_IDENTIFIER, 3600);
    expectCode(await callWith({ usersig: sig }), 70003);
  });

  it("answers 70001 for an expired UserSig", async () => {
    const sig = signUserSig(DEFAULT_SDK_APP_ID, DEFAULT_SECRET_KEY, DEFAULT_IDENTIFIER, -60);
    expectCode(await callWith({ usersig: sig }), 70001);
  });

  it("answers 70013 when identifier is not the account the UserSig was signed for", async () => {
    expectCode(await callWith({ identifier: "someone-else" }), 70013);
  });

  it("answers 70014 when the UserSig was signed for another SDKAppID", async () => {
    const sig = signUserSig(DEFAULT_SDK_APP_ID + 7, DEFAULT_SECRET_KEY, DEFAULT_IDENTIFIER, 3600);
    expectCode(await callWith({ usersig: sig }), 70014);
  });

  it("answers 70403 when a valid UserSig belongs to an account that is not the app admin", async () => {
    const sig = signUserSig(DEFAULT_SDK_APP_ID, DEFAULT_SECRET_KEY, "ordinary-user", 3600);
    expectCode(await callWith({ identifier: "ordinary-user", usersig: sig }), 70403);
  });

  it("answers 60002 when random is missing, not a number or above 2^32-1", async () => {
    expectCode(await callWith({ random: null }), 60002);
    expectCode(await callWith({ random: "12x" }), 60002);
    expectCode(await callWith({ random: "-1" }), 60002);
    expectCode(await callWith({ random: "4294967296" }), 60002);
    expectCode(await callWith({ random: "4294967295" }), 0);
    expectCode(await callWith({ random: "0" }), 0);
  });

  it("answers 60002 when contenttype is missing or not json", async () => {
    expectCode(await callWith({ contenttype: null }), 60002);
    expectCode(await callWith({ contenttype: "xml" }), 60002);
  });

  it("answers a GET (or any method but POST) with HTTP 200 and a 60002 envelope (emulator's guess)", async () => {
    for (const method of ["GET", "PUT", "DELETE"]) {
      const res = await rawRequest(client.url(command), { method });
      expect(res.status, `HTTP status for ${method}`).to.equal(200);
      expectCode(JSON.parse(res.text) as Reply, 60002, `ErrorCode for ${method}`);
    }
  });

  it("answers an unknown command or service with a 60002 envelope", async () => {
    const paths = [
      "/v4/official_account_open_http_svc/no_such_command",
      "/v4/no_such_svc/create_official_account",
      "/",
      "/v4/",
    ];
    for (const path of paths) {
      const res = await rawRequest(`${emulator.url}${path}?${client.query()}`, { body: "{}" });
      expect(res.status, `HTTP status for ${path}`).to.equal(200);
      expectCode(JSON.parse(res.text) as Reply, 60002, `ErrorCode for ${path}`);
    }
  });

  it("answers malformed JSON, an empty body and a non-object body with 60003", async () => {
    for (const text of ["{", "not json", "", "   ", "[]", "null", "42", '"x"', "{}}"]) {
      const reply = await client.call(command, text);
      expectCode(reply, 60003, `ErrorCode for body ${JSON.stringify(text)}`);
      expect(sortedKeys(reply)).to.deep.equal(["ActionStatus", "ErrorCode", "ErrorInfo"]);
    }
  });

  it("refuses a body over 1 MiB with 60003 (emulator's guess) and keeps serving", async () => {
    const big = JSON.stringify({ Owner_Account: "x", Name: "y", CustomString: "z".repeat(1024 * 1024) });
    const reply = await client.call("create_official_account", big);
    expectCode(reply, 60003);
    expect(reply.ErrorInfo).to.match(/larger than/);
    expectCode(await callWith({}), 0);
  });

  it("checks the URL before the body, like the vendor", async () => {
    expectCode(await client.call(command, "{not json", { usersig: "" }), 70002);
  });
});
