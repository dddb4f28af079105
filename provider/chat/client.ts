/**
 * ChatClient: the one transport for every Chat REST command. It builds the
 * documented envelope (query string + JSON body), signs and caches the admin
 * UserSig, spaces calls through the process-wide rate limiter, retries what is
 * worth retrying, and turns every failure into one ChatApiError that never
 * carries a secret.
 */
import { randomInt } from "node:crypto";
import { inspect } from "node:util";
import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import { commandPath, type CommandName } from "../../chat-api/commands";
import { ErrorCode, type ChatErrorRetryClass, type HintContext } from "../../chat-api/error-codes";
import type { RequestOf, ResponseOf } from "../../chat-api/wire-types";
import { currentCallObserver, SLOW_CALL_NOTICE_MS, type CallObserver } from "./call-observer";
import { ChatApiError } from "./errors";
import { defaultUserAgent } from "../package-info";
import {
  DEFAULT_CALLS_PER_SECOND,
  DEFAULT_MAX_CONCURRENT_REQUESTS,
  RateLimitWaitAborted,
  sharedRateLimiter,
  type RateLimiter,
} from "./rate-limit";
import { createRedactor, scrubbedCause, type Redactor } from "./redact";
import { DEFAULT_REGION, isLoopbackHost, resolveBaseUrl } from "./regions";
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_THROTTLE_RETRIES,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  DEFAULT_TOTAL_DEADLINE_MS,
  withRetries,
  type RetryKind,
  type RetryPolicy,
} from "./retry";
import { UserSigCache } from "./user-sig-cache";

/** One request's own time limit (connect + answer). */
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface ChatClientOptions {
  /** The app's SDKAppID (a number such as 1400000000). */
  sdkAppId: number;
  /** An app admin account; every call is made as this identifier. */
  identifier: string;
  /** The app's secret key; used only to sign UserSigs, never sent, logged or shown. */
  secretKey: string;
  /** The data centre of the SDKAppID (see CHAT_REGIONS); default "china". Ignored when `endpoint` is set. */
  region?: string;
  /** An explicit base URL (the emulator, a proxy). `http://` is allowed only for loopback hosts unless `allowInsecureHttp`. */
  endpoint?: string;
  /** Allow `http://` to a non-loopback endpoint (the UserSig then travels in clear text). */
  allowInsecureHttp?: boolean;
  /** Time limit of each request, in milliseconds; default {@link DEFAULT_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Retries after transient failures; default {@link DEFAULT_MAX_RETRIES}. */
  maxRetries?: number;
  /** Retries after throttling (60007, 60011, 60018, 60019, HTTP 429); default {@link DEFAULT_MAX_THROTTLE_RETRIES}. */
  maxThrottleRetries?: number;
  /** First backoff delay, doubled each retry and jittered by +-20%; default {@link DEFAULT_RETRY_BASE_DELAY_MS}. */
  retryBaseDelayMs?: number;
  /** Longest single backoff delay; default {@link DEFAULT_RETRY_MAX_DELAY_MS}. */
  retryMaxDelayMs?: number;
  /** Deadline of one call, all retries and waits included; default {@link DEFAULT_TOTAL_DEADLINE_MS}. */
  totalDeadlineMs?: number;
  /**
   * Calls per second for this app and endpoint, shared by every client in
   * the process; default {@link DEFAULT_CALLS_PER_SECOND}. 0 turns limiting off for this client.
   */
  callsPerSecond?: number;
  /** Requests in flight at once per app and endpoint; default {@link DEFAULT_MAX_CONCURRENT_REQUESTS}. */
  maxConcurrentRequests?: number;
  /** Validity of each signed UserSig, in seconds; default {@link DEFAULT_USER_SIG_TTL_SECONDS}. */
  userSigTtlSeconds?: number;
  /** Renew the UserSig when this little validity is left (at most half the TTL); default {@link DEFAULT_USER_SIG_RENEW_BEFORE_SECONDS}. */
  userSigRenewBeforeSeconds?: number;
  /** User-Agent header; default `pulumi-tencent-chat/<version> node/<version>`. */
  userAgent?: string;
  /** Receives one line per request, retry and UserSig renewal; never a secret. */
  log?: (line: string) => void;
  /**
   * How the user named each setting (`tencentchat:secretKey`, an explicit provider's `secretKey`
   * argument, `TENCENTCHAT_SECRET_KEY`), so error hints name the one they actually set.
   */
  settingNames?: HintContext["settingNames"];
  /** Clock used for UserSig renewal decisions (tests move it); default Date.now. */
  nowMs?: () => number;
}

export interface CallOptions {
  /**
   * Retry after a failure that the server may have applied (dropped
   * connection, timeout, HTTP 5xx, internal-error codes). Default true; a
   * create without a caller-chosen id sets false so a retry cannot create a
   * second account.
   */
  retryWhenPossiblyApplied?: boolean;
}

/** The response envelope fields the client checks; commands add their own. */
interface Envelope {
  ActionStatus?: unknown;
  ErrorCode?: unknown;
  ErrorInfo?: unknown;
}

/** Network error codes after which the request certainly never reached the server. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
/** Network error codes that no retry will fix. */
const PERMANENT_NETWORK_CODES = new Set([
  "ENOTFOUND",
  "ERR_INVALID_URL",
  "ERR_BAD_OPTION",
  "ERR_BAD_OPTION_VALUE",
  "ERR_CANCELED",
  "ERR_FR_TOO_MANY_REDIRECTS",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

function positiveNumber(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new Error(
      `ChatClient: ${name} must be a ${allowZero ? "non-negative" : "positive"} number, got ${String(value)}`,
    );
  }
  return value;
}

function snippet(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

/** The one transport of every Chat REST command; see the module comment. */
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
  readonly #http: AxiosInstance;
  readonly #limiter: RateLimiter;
  readonly #redact: Redactor;
  readonly #log: (line: string) => void;
  readonly #hintContext: HintContext;

  /** @throws Error naming the option when one is unusable (no request is made). */
  constructor(options: ChatClientOptions) {
    if (!Number.isSafeInteger(options.sdkAppId) || options.sdkAppId <= 0) {
      throw new Error(
        `ChatClient: sdkAppId must be a positive integer (the SDKAppID from the Chat console), got ${String(options.sdkAppId)}`,
      );
    }
    if (typeof options.identifier !== "string" || options.identifier.trim() === "") {
      throw new Error("ChatClient: identifier (an app admin account) is required");
    }
    if (typeof options.secretKey !== "string" || options.secretKey === "") {
      throw new Error("ChatClient: secretKey is required");
    }
    this.sdkAppId = options.sdkAppId;
    this.identifier = options.identifier;
    this.#secretKey = options.secretKey;
    this.baseUrl = resolveBaseUrl(options);
    this.region = options.endpoint ? undefined : (options.region ?? DEFAULT_REGION);
    this.timeoutMs = positiveNumber("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS);
    this.retryPolicy = Object.freeze({
      maxRetries: Math.floor(positiveNumber("maxRetries", options.maxRetries, DEFAULT_MAX_RETRIES, true)),
      maxThrottleRetries: Math.floor(
        positiveNumber("maxThrottleRetries", options.maxThrottleRetries, DEFAULT_MAX_THROTTLE_RETRIES, true),
      ),
      baseDelayMs: positiveNumber("retryBaseDelayMs", options.retryBaseDelayMs, DEFAULT_RETRY_BASE_DELAY_MS, true),
      maxDelayMs: positiveNumber("retryMaxDelayMs", options.retryMaxDelayMs, DEFAULT_RETRY_MAX_DELAY_MS, true),
      totalDeadlineMs: positiveNumber("totalDeadlineMs", options.totalDeadlineMs, DEFAULT_TOTAL_DEADLINE_MS),
    });
    this.userAgent = options.userAgent ?? defaultUserAgent();
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
      ttlSeconds: options.userSigTtlSeconds,
      renewBeforeSeconds: options.userSigRenewBeforeSeconds,
      nowMs: options.nowMs,
      log: (line) => this.#log(line),
    });
    this.#redact = createRedactor(() => [this.#secretKey, ...this.#userSigs.recent()]);
    this.#limiter = sharedRateLimiter(
      this.sdkAppId,
      this.baseUrl,
      positiveNumber("callsPerSecond", options.callsPerSecond, DEFAULT_CALLS_PER_SECOND, true),
      Math.floor(
        positiveNumber("maxConcurrentRequests", options.maxConcurrentRequests, DEFAULT_MAX_CONCURRENT_REQUESTS),
      ),
    );
    const loopback = isLoopbackHost(new URL(this.baseUrl).hostname);
    this.#hintContext = { settingNames: options.settingNames, loopbackEndpoint: loopback };
    this.#http = axios.create({
      // A local emulator must never be reached through an HTTP(S)_PROXY from the environment.
      ...(loopback ? { proxy: false as const } : {}),
      // A redirect would resend the UserSig to another host: treat it as a failure instead.
      maxRedirects: 0,
      responseType: "text",
      transformResponse: [(data: unknown) => data],
      transitional: { clarifyTimeoutError: true },
      validateStatus: () => true,
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        Accept: "application/json",
        "User-Agent": this.userAgent,
      },
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
    const state = { renewedUserSig: false, possiblyApplied: false, lastSig: "" };
    const observer = currentCallObserver();
    const signal = observer?.signal;
    const cancelled = () => this.#cancelledError(command, state.possiblyApplied);
    return withRetries(
      ({ attempt, remainingMs }) => {
        // A cancelled operation starts no new attempt; one already sent is let finish.
        if (signal?.aborted) throw cancelled();
        const deadlineAt = Date.now() + remainingMs;
        return this.#limiter
          .schedule(() => this.#send<ResponseOf<C>>(command, payload, attempt, deadlineAt, state, observer), signal)
          .catch((error: unknown) => {
            throw error instanceof RateLimitWaitAborted ? cancelled() : error;
          });
      },
      {
        policy: this.retryPolicy,
        signal,
        classify: (error) => {
          if (!(error instanceof ChatApiError)) return "none";
          if (error.possiblyApplied) state.possiblyApplied = true;
          return this.#retryKind(error, state, options);
        },
        onRetry: ({ error, attempt, kind, delayMs }) => {
          const code = error instanceof ChatApiError ? error.code : ErrorCode.transport;
          this.#log(`chat: ${command} attempt ${attempt} failed with ${code}; retrying (${kind}) in ${delayMs} ms`);
          const meaning = error instanceof ChatApiError ? error.meaning : "failure";
          observer?.onRetry?.({ command, code, meaning, attempt, waitMs: delayMs, kind });
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

  /** The failure of a call whose operation was cancelled before it could finish. */
  #cancelledError(command: string, possiblyApplied: boolean): ChatApiError {
    return new ChatApiError({
      code: ErrorCode.transport,
      command,
      networkCode: "ERR_CANCELED",
      info: "the operation was cancelled before this call could finish",
      meaning: "cancelled",
      hint: possiblyApplied
        ? "an earlier attempt may have been applied; run `pulumi refresh`, then `pulumi up` again."
        : "nothing was sent after the cancellation; run `pulumi up` again to finish.",
      retry: "none",
      possiblyApplied,
    });
  }

  #retryKind(
    error: ChatApiError,
    state: { renewedUserSig: boolean; lastSig: string },
    options: CallOptions,
  ): RetryKind {
    switch (error.retryClass) {
      case "renew-user-sig":
        if (state.renewedUserSig) return "none";
        state.renewedUserSig = true;
        this.#userSigs.invalidate(state.lastSig);
        this.#log(
          `chat: ${error.command} got ${error.code} (UserSig expired); signing a new UserSig and retrying once`,
        );
        return "immediate";
      case "throttle":
        return "throttle";
      case "transient":
        if (error.possiblyApplied && options.retryWhenPossiblyApplied === false) return "none";
        return "transient";
      default:
        return "none";
    }
  }

  async #send<T>(
    command: CommandName,
    payload: string,
    attempt: number,
    deadlineAt: number,
    state: { lastSig: string },
    observer?: CallObserver,
  ): Promise<T> {
    const timeoutMs = Math.min(this.timeoutMs, deadlineAt - Date.now());
    if (timeoutMs <= 0) {
      throw new ChatApiError({
        code: ErrorCode.transport,
        command,
        networkCode: "ETIMEDOUT",
        info: "the call's total deadline passed while it waited for the rate limiter",
        meaning: "deadline exceeded",
        hint: "the API was too slow or too busy for totalDeadlineMs; raise totalDeadlineMs or lower the number of parallel operations.",
        retry: "none",
      });
    }
    const sig = this.#userSigs.get();
    state.lastSig = sig;
    const started = Date.now();
    // A slow answer is reported every SLOW_CALL_NOTICE_MS (a front door may show it as a status line).
    const slow = observer?.onSlow
      ? setInterval(
          () => observer.onSlow?.({ command, attempt, waitedMs: Date.now() - started }),
          SLOW_CALL_NOTICE_MS,
        ).unref()
      : undefined;
    let response: AxiosResponse<string>;
    try {
      response = await this.#http.post<string>(this.baseUrl + commandPath(command), payload, {
        params: {
          sdkappid: this.sdkAppId,
          identifier: this.identifier,
          usersig: sig,
          random: randomInt(0, 2 ** 32),
          contenttype: "json",
        },
        timeout: Math.max(1, Math.floor(timeoutMs)),
      });
    } catch (error) {
      const failure = this.#networkError(command, error, timeoutMs);
      this.#log(`chat: ${command} attempt ${attempt} -> ${failure.networkCode} after ${Date.now() - started} ms`);
      throw failure;
    } finally {
      clearInterval(slow);
    }
    const elapsed = Date.now() - started;
    const result = this.#parse<T>(command, response);
    if (result instanceof ChatApiError) {
      const what =
        result.httpStatus !== undefined && result.code < 0 ? `HTTP ${result.httpStatus}` : String(result.code);
      this.#log(`chat: ${command} attempt ${attempt} -> ${what} (${result.meaning}) in ${elapsed} ms`);
      throw result;
    }
    this.#log(`chat: ${command} attempt ${attempt} -> ok in ${elapsed} ms`);
    return result;
  }

  #networkError(command: string, error: unknown, timeoutMs: number): ChatApiError {
    const cause = scrubbedCause(error, this.#redact);
    const raw = axios.isAxiosError(error) ? error.code : (error as { code?: unknown }).code;
    const networkCode = typeof raw === "string" && raw !== "" ? raw : "ERR_NETWORK";
    const timedOut = networkCode === "ETIMEDOUT" || networkCode === "ECONNABORTED";
    let meaning: string;
    let hint: string;
    if (timedOut) {
      meaning = `no answer within ${Math.floor(timeoutMs)} ms`;
      hint =
        "the API or the network is slow; it is retried automatically. If it persists, raise timeoutMs or check connectivity to the endpoint.";
    } else if (networkCode === "ECONNREFUSED") {
      meaning = "connection refused";
      hint = `nothing accepts connections at ${this.baseUrl}; check the endpoint (is the emulator running?).`;
    } else if (networkCode === "ENOTFOUND" || networkCode === "EAI_AGAIN") {
      meaning = "host name does not resolve";
      hint = `check the region/endpoint setting (${this.baseUrl}) and this machine's DNS.`;
    } else if (networkCode === "ECONNRESET" || networkCode === "EPIPE" || networkCode === "ERR_NETWORK") {
      meaning = "connection dropped before an answer came back";
      hint =
        "the server or a proxy closed the connection; it is retried automatically. For a create, the account may already exist.";
    } else {
      meaning = "network failure";
      hint = "check connectivity to the endpoint, proxies and TLS settings.";
    }
    const retry: ChatErrorRetryClass = PERMANENT_NETWORK_CODES.has(networkCode) ? "none" : "transient";
    return new ChatApiError({
      code: ErrorCode.transport,
      command,
      info: cause.message,
      networkCode: timedOut ? "ETIMEDOUT" : networkCode,
      meaning,
      hint,
      retry,
      cause,
      possiblyApplied: !NOT_SENT_CODES.has(networkCode) && retry !== "none",
    });
  }

  /** The parsed body on success, or the ChatApiError the response amounts to. */
  #parse<T>(command: string, response: AxiosResponse<string>): T | ChatApiError {
    const status = response.status;
    const text = typeof response.data === "string" ? response.data : String(response.data ?? "");
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    const envelope = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Envelope) : undefined;
    const hasEnvelope =
      envelope !== undefined && (envelope.ErrorCode !== undefined || envelope.ActionStatus !== undefined);
    const ok2xx = status >= 200 && status < 300;
    const retryableStatus = status >= 500 || status === 408 || status === 429;

    if (!ok2xx && (retryableStatus || !hasEnvelope)) {
      const retry: ChatErrorRetryClass = status === 429 ? "throttle" : retryableStatus ? "transient" : "none";
      return new ChatApiError({
        code: ErrorCode.transport,
        command,
        httpStatus: status,
        info: this.#redact(snippet(text)),
        meaning: status >= 500 ? "the server or a proxy failed" : `HTTP status ${status}`,
        hint:
          retry === "none"
            ? `the endpoint answered HTTP ${status}; check that ${this.baseUrl} is the Chat REST API (region/endpoint setting).`
            : "a temporary failure between this machine and the API; it is retried automatically.",
        retry,
        // A 5xx from a gateway may come after the API applied the call; 408/429 mean it was not.
        possiblyApplied: status >= 500,
      });
    }
    if (!hasEnvelope) {
      return new ChatApiError({
        code: ErrorCode.protocol,
        command,
        httpStatus: status,
        info: `expected a JSON envelope with ActionStatus/ErrorCode, got ${text === "" ? "an empty body" : JSON.stringify(this.#redact(snippet(text, 120)))}`,
      });
    }
    const code = Number(envelope.ErrorCode ?? 0);
    const failed = envelope.ActionStatus === "FAIL" || (Number.isFinite(code) && code !== 0);
    if (!failed) return envelope as T;
    const apiCode = Number.isFinite(code) && code !== 0 ? code : ErrorCode.protocol;
    const error = new ChatApiError({
      code: apiCode,
      command,
      info: this.#redact(String(envelope.ErrorInfo ?? "")),
      hintContext: this.#hintContext,
      ...(apiCode === ErrorCode.protocol ? { meaning: "ActionStatus FAIL without an ErrorCode" } : {}),
    });
    // Internal-error codes may come after the call was applied (e.g. 70169 internal timeout).
    if (error.retryClass === "transient") error.possiblyApplied = true;
    return error;
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

  [inspect.custom](): string {
    return `ChatClient ${inspect(this.toJSON())}`;
  }

  /** `ChatClient(<sdkAppId> as <identifier> at <baseUrl>)`. */
  toString(): string {
    return `ChatClient(${this.sdkAppId} as ${this.identifier} at ${this.baseUrl})`;
  }
}
