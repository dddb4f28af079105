import { expect } from "chai";
import { CHAT_ERROR_CODES, describeChatErrorCode, ErrorCode } from "../../chat-api/error-codes";
import { ChatApiError, hasChatErrorCode } from "../../provider/chat/errors";
import { expectEqual } from "./helpers";

/** Every code named in shared/reference/chat-api-notes.md. */
const DOCUMENTED_CODES = [
  6017, 10004, 20005, 20001, 130002, 130004, 130007, 130008, 130010, 131000, 60002, 60003, 60004, 60005, 60006, 60012,
  60007, 60011, 60018, 60019, 60010, 70403, 60020, 60021, 70001, 70002, 70003, 70005, 70009, 70013, 70014, 70016, 70050,
  70107, 70169, 70500, 70402,
];

describe("chat client: error codes and ChatApiError", () => {
  it("has a meaning and a plain-language hint for every documented code", () => {
    for (const code of DOCUMENTED_CODES) {
      const entry = CHAT_ERROR_CODES[code];
      expect(entry, `code ${code} in the table`).to.not.equal(undefined);
      expect(entry.meaning.length, `meaning of ${code}`).to.be.greaterThan(3);
      expect(entry.hint.length, `hint of ${code}`).to.be.greaterThan(20);
    }
  });

  it("retries exactly the transient and throttling codes, and renews the UserSig on 70001", () => {
    const retryClassOf = (code: number) => describeChatErrorCode(code).retry;
    for (const code of [10004, 20005, 70169, 70500]) expectEqual(retryClassOf(code), "transient", `class of ${code}`);
    for (const code of [60007, 60011, 60018, 60019]) expectEqual(retryClassOf(code), "throttle", `class of ${code}`);
    expectEqual(retryClassOf(70001), "renew-user-sig", "class of 70001");
    const others = DOCUMENTED_CODES.filter(
      (c) => ![10004, 20005, 70169, 70500, 60007, 60011, 60018, 60019, 70001].includes(c),
    );
    for (const code of others) expectEqual(retryClassOf(code), "none", `class of ${code}`);
  });

  it("gives the hints the README and the provider quote", () => {
    expect(describeChatErrorCode(70009).hint).to.match(/secret key does not belong to this SDKAppID/);
    expect(describeChatErrorCode(70016).hint).to.match(/wrong region \/ data centre: set tencentchat:region/);
    expect(describeChatErrorCode(130008).meaning).to.match(/already in use/);
    expect(describeChatErrorCode(70107).hint).to.match(/import it first/);
  });

  it("describes unknown codes generically and does not retry them", () => {
    const described = describeChatErrorCode(99999);
    expectEqual(described.retry, "none", "retry class");
    expect(described.hint).to.match(/99999/);
  });

  it("formats messages as '<command> failed with <code> (<meaning>): <info>. Hint: <hint>'", () => {
    const error = new ChatApiError({ code: 70009, command: "get_official_account_info", info: "sig check failed" });
    expectEqual(
      error.message,
      "get_official_account_info failed with 70009 (secret key does not match the SDKAppID): sig check failed. " +
        `Hint: ${describeChatErrorCode(70009).hint}`,
      "message",
    );
    expectEqual(error.retryable, false, "retryable");
    expectEqual(error.name, "ChatApiError", "name");
    expect(hasChatErrorCode(error, 70009, 1)).to.equal(true);
  });

  it("names the HTTP status or network code for transport failures", () => {
    const http = new ChatApiError({
      code: ErrorCode.transport,
      command: "destroy_official_account",
      info: "",
      httpStatus: 502,
    });
    expect(http.message).to.match(/^destroy_official_account failed with HTTP 502 \(/);
    expectEqual(http.isTransportError, true, "isTransportError");
    expectEqual(http.retryable, true, "retryable");
    const net = new ChatApiError({
      code: ErrorCode.transport,
      command: "x",
      info: "socket hang up",
      networkCode: "ECONNRESET",
    });
    expect(net.message).to.match(/^x failed with network error ECONNRESET/);
    const proto = new ChatApiError({ code: ErrorCode.protocol, command: "x", info: "not JSON" });
    expect(proto.message).to.match(/^x failed with an unexpected response/);
  });

  it("records attempts in the message once and serializes to plain JSON", () => {
    const error = new ChatApiError({ code: 10004, command: "c", info: "boom" });
    error.noteAttempts(4, true);
    error.noteAttempts(4, false);
    expect(error.message).to.match(/\(after 4 attempts\)$/);
    expect(error.message.match(/after 4 attempts/g)?.length).to.equal(1);
    expect(error.stack).to.contain("(after 4 attempts)");
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
    expectEqual(json.code, 10004, "code in JSON");
    expectEqual(json.attempts, 4, "attempts in JSON");
    expectEqual(json.possiblyApplied, true, "possiblyApplied in JSON");
  });
});
