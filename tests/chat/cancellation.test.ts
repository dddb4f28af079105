/**
 * What a front door sees and controls through a call observer: retries with
 * their code and wait, slow answers, the client's log lines (never a
 * secret), and an abort signal that ends backoff and rate-limit waits at
 * once while a request already sent is let finish. Driven against the
 * emulator; no wall-clock bounds, only what happened and in what order.
 */
import { expect } from "chai";
import type { RunningEmulator } from "../../emulator";
import { ChatApiError } from "../../provider/chat";
import { observingCalls, type RetryNotice, type SlowCallNotice } from "../../provider/chat/call-observer";
import { RateLimitWaitAborted, sharedRateLimiter } from "../../provider/chat/rate-limit";
import { findLeaks } from "../support/leak-check";
import { callsOf, clientFor, DEFAULT_SECRET_KEY, startChatEmulator, uniqueId } from "./helpers";

describe("chat client: call observer and cancellation", function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startChatEmulator({ importUsers: ["editor"] });
  });
  afterEach(() => emulator.setFaults({}));
  after(async () => emulator?.close());

  it("tells the observer of each retry (code, meaning, wait, attempt) and of the client's log lines, without secrets", async () => {
    const client = clientFor(emulator.url, { retryBaseDelayMs: 5, retryMaxDelayMs: 20, callsPerSecond: 0 });
    emulator.setFaults({ throttle: 1, commands: ["get_official_account_info"] });
    const retries: RetryNotice[] = [];
    const lines: string[] = [];
    const failure = await observingCalls(
      { onRetry: (notice) => retries.push(notice), onLog: (line) => lines.push(line) },
      () => client.call("get_official_account_info", { OfficialAccountIdList: [{ Official_Account: "@TOA#_x" }] }),
    ).catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(ChatApiError);
    expect(retries.length, "one notice per retry (the throttle budget)").to.equal(
      client.retryPolicy.maxThrottleRetries,
    );
    expect(retries[0]).to.deep.include({
      command: "get_official_account_info",
      code: 60007,
      kind: "throttle",
      attempt: 1,
    });
    expect(retries[0].meaning).to.equal("REST call frequency exceeded");
    expect(retries.map((notice) => notice.attempt)).to.deep.equal(retries.map((_, index) => index + 1));
    expect(lines.join("\n")).to.include("get_official_account_info attempt 1 -> 60007");
    expect(findLeaks("observer log", lines.join("\n"), [DEFAULT_SECRET_KEY])).to.deep.equal([]);
  });

  it("reports an answer slower than the notice interval while it waits", async () => {
    const client = clientFor(emulator.url, { callsPerSecond: 0 });
    emulator.setFaults({ latencyMs: 2_600, commands: ["get_official_account_info"] });
    const slow: SlowCallNotice[] = [];
    await observingCalls({ onSlow: (notice) => slow.push(notice) }, () =>
      client.call("get_official_account_info", { OfficialAccountIdList: [{ Official_Account: "@TOA#_x" }] }),
    ).catch(() => undefined);
    expect(slow.length).to.be.at.least(1);
    expect(slow[0]).to.deep.include({ command: "get_official_account_info", attempt: 1 });
    expect(slow[0].waitedMs).to.be.at.least(2_000);
  });

  it("an abort ends the backoff wait at once: no attempt after it, failing as cancelled", async () => {
    // Long backoffs: without the abort this call would wait minutes.
    const client = clientFor(emulator.url, {
      retryBaseDelayMs: 60_000,
      retryMaxDelayMs: 60_000,
      totalDeadlineMs: 600_000,
    });
    emulator.setFaults({ throttle: 1, commands: ["destroy_official_account"] });
    const controller = new AbortController();
    const before = callsOf(emulator, "destroy_official_account");
    const failure = observingCalls(
      { signal: controller.signal, onRetry: () => controller.abort() }, // abort as the first backoff starts
      () => client.call("destroy_official_account", { Official_Account: uniqueId("cancel") }),
    ).catch((error: unknown) => error);
    const error = (await failure) as ChatApiError;
    expect(error).to.be.instanceOf(ChatApiError);
    expect(error.networkCode).to.equal("ERR_CANCELED");
    expect(error.message).to.include("the operation was cancelled before this call could finish");
    expect(callsOf(emulator, "destroy_official_account") - before, "only the first attempt was sent").to.equal(1);
  });

  it("an abort takes a call out of the rate limiter's queue before it starts", async () => {
    const limiter = sharedRateLimiter(1, `http://limiter-test-${process.pid}`, 1, 1);
    const release: Array<() => void> = [];
    const first = limiter.schedule(() => new Promise<void>((resolve) => release.push(resolve)));
    const controller = new AbortController();
    let started = false;
    const queued = limiter.schedule(async () => {
      started = true;
    }, controller.signal);
    controller.abort();
    expect(await queued.catch((error: unknown) => error)).to.be.instanceOf(RateLimitWaitAborted);
    release.forEach((resolve) => resolve());
    await first;
    expect(started, "the aborted job never ran").to.equal(false);
    expect(limiter.queued).to.equal(0);
  });
});
