/**
 * ChatClient: the one entry for every Chat REST command. It checks its
 * options (client-options.ts), signs and caches the admin UserSig, spaces
 * calls through the process-wide rate limiter, retries what is worth
 * retrying (retry.ts, retry-classification.ts), and sends each attempt
 * through the transport (transport.ts), which turns every failure into one
 * ChatApiError that never carries a secret.
 */
import { inspect } from "node:util";
import type { CommandName } from "../../chat-api/commands";
import { ErrorCode } from "../../chat-api/error-codes";
import type { RequestOf, ResponseOf } from "../../chat-api/wire-types";
import { currentCallObserver } from "./call-observer";
import { checkClientOptions, type CallOptions, type ChatClientOptions } from "./client-options";
import { ChatApiError } from "./errors";
import { cancelledError } from "./network-errors";
import { RateLimitWaitAborted, sharedRateLimiter, type RateLimiter } from "./rate-limit";
import { createRedactor, type Redactor } from "./redact";
import { withRetries, type RetryPolicy } from "./retry";
import { retryKindOf, type CallRetryState } from "./retry-classification";
import { ChatTransport } from "./transport";
import { UserSigCache } from "./user-sig-cache";

/** The one client of every Chat REST command; see the module comment. */
export class ChatClient {
  /** The app's SDKAppID. */
  readonly sdkAppId: number;
  /** The app admin every call is made as. */
  readonly identifier: string;
  /** The region name when the base URL came from a region, undefined for an explicit endpoint. */
  readonly region: string | undefined;
  /** Every command path is appended to this, e.g. `https://console.tim.qq.com`. */
  readonly baseUrl: string;
  /** Time limit of each request, in milliseconds. */
  readonly timeoutMs: number;
  /** Retry budgets, backoff and the total deadline of one call. */
  readonly retryPolicy: Readonly<RetryPolicy>;
  /** The User-Agent header every request carries. */
  readonly userAgent: string;
  readonly #secretKey: string;
  readonly #userSigs: UserSigCache;
  readonly #transport: ChatTransport;
  readonly #limiter: RateLimiter;
  readonly #redact: Redactor;
  readonly #log: (line: string) => void;

  /** @throws Error naming the option when one is unusable (no request is made). */
  constructor(options: ChatClientOptions) {
    const checked = checkClientOptions(options);
    this.sdkAppId = checked.sdkAppId;
    this.identifier = checked.identifier;
    this.#secretKey = checked.secretKey;
    this.baseUrl = checked.baseUrl;
    this.region = checked.region;
    this.timeoutMs = checked.timeoutMs;
    this.retryPolicy = checked.retryPolicy;
    this.userAgent = checked.userAgent;
    const log = options.log;
    // Lines go to the configured log and to the observer of the call in progress, always redacted.
    this.#log = (line) => {
      const observer = currentCallObserver();
      if (!log && !observer?.onLog) return;
      const redacted = this.#redact(line);
      log?.(redacted);
      observer?.onLog?.(redacted);
    };
    this.#userSigs = new UserSigCache(this.#secretKey, {
      sdkAppId: this.sdkAppId,
      identifier: this.identifier,
      ttlSeconds: checked.userSigTtlSeconds,
      renewBeforeSeconds: checked.userSigRenewBeforeSeconds,
      nowMs: options.nowMs,
      log: (line) => this.#log(line),
    });
    this.#redact = createRedactor(() => [this.#secretKey, ...this.#userSigs.recent()]);
    this.#limiter = sharedRateLimiter(
      this.sdkAppId,
      this.baseUrl,
      checked.callsPerSecond,
      checked.maxConcurrentRequests,
    );
    this.#transport = new ChatTransport({
      baseUrl: this.baseUrl,
      sdkAppId: this.sdkAppId,
      identifier: this.identifier,
      userAgent: this.userAgent,
      timeoutMs: this.timeoutMs,
      loopbackEndpoint: checked.loopbackEndpoint,
      hintContext: { settingNames: options.settingNames, loopbackEndpoint: checked.loopbackEndpoint },
      redact: this.#redact,
      log: (line) => this.#log(line),
    });
  }

  /** The shared limiter this client's calls go through (same object for same app + endpoint). */
  get rateLimiter(): RateLimiter {
    return this.#limiter;
  }

  /** How many UserSigs this client has signed so far (first use, renewals). */
  get userSigSignCount(): number {
    return this.#userSigs.signCount;
  }

  /**
   * Sends one command of the command table with retries and returns its
   * typed response body (ErrorCode 0). Throws ChatApiError otherwise;
   * `attempts` and `possiblyApplied` on the error say how the call went.
   */
  async call<C extends CommandName>(command: C, body: RequestOf<C>, options: CallOptions = {}): Promise<ResponseOf<C>> {
    const payload = JSON.stringify(body ?? {});
    const state: CallRetryState = { renewedUserSig: false, possiblyApplied: false };
    let lastSig = "";
    const userSig = () => (lastSig = this.#userSigs.get());
    const observer = currentCallObserver();
    const signal = observer?.signal;
    const cancelled = () => cancelledError(command, state.possiblyApplied);
    return withRetries(
      ({ attempt, remainingMs }) => {
        // A cancelled operation starts no new attempt; one already sent is let finish.
        if (signal?.aborted) throw cancelled();
        const deadlineAt = Date.now() + remainingMs;
        return this.#limiter
          .schedule(
            () => this.#transport.send<ResponseOf<C>>(command, payload, { attempt, deadlineAt, userSig, observer }),
            signal,
          )
          .catch((error: unknown) => {
            throw error instanceof RateLimitWaitAborted ? cancelled() : error;
          });
      },
      {
        policy: this.retryPolicy,
        signal,
        classify: (error) =>
          retryKindOf(error, state, options, (refused) => {
            this.#userSigs.invalidate(lastSig);
            this.#log(
              `chat: ${refused.command} got ${refused.code} (UserSig expired); signing a new UserSig and retrying once`,
            );
          }),
        onRetry: ({ error, attempt, kind, delayMs }) => {
          const code = error instanceof ChatApiError ? error.code : ErrorCode.transport;
          this.#log(`chat: ${command} attempt ${attempt} failed with ${code}; retrying (${kind}) in ${delayMs} ms`);
          const meaning = error instanceof ChatApiError ? error.meaning : "failure";
          observer?.onRetry?.({ command, code, meaning, attempt, delayMs, kind });
        },
        onGiveUp: (error, attempts, reason) => {
          if (error instanceof ChatApiError) error.noteAttempts(attempts, state.possiblyApplied);
          if (attempts > 1 || reason !== "not-retryable") {
            this.#log(`chat: ${command} gave up after ${attempts} attempt(s): ${reason}`);
          }
        },
      },
    );
  }

  /** The client's settings without any secret. */
  toJSON(): Record<string, unknown> {
    return {
      sdkAppId: this.sdkAppId,
      identifier: this.identifier,
      region: this.region,
      baseUrl: this.baseUrl,
      timeoutMs: this.timeoutMs,
      userAgent: this.userAgent,
    };
  }

  /** As {@link toJSON}: what `console.log` and `util.inspect` show, never a secret. */
  [inspect.custom](): string {
    return `ChatClient ${inspect(this.toJSON())}`;
  }

  /** `ChatClient(<sdkAppId> as <identifier> at <baseUrl>)`. */
  toString(): string {
    return `ChatClient(${this.sdkAppId} as ${this.identifier} at ${this.baseUrl})`;
  }
}
