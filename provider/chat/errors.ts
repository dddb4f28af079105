/**
 * ChatApiError: the one error class every Chat call throws. Its meaning and
 * hint come from the code table in chat-api/error-codes.ts.
 */
import { inspect } from "node:util";
import {
  describeChatErrorCode,
  ErrorCode,
  type ChatErrorRetryClass,
  type HintContext,
} from "../../chat-api/error-codes";

/** Fields a caller may set when building a {@link ChatApiError}. */
export interface ChatApiErrorInit {
  /** The API's ErrorCode, or -1 (transport) / -2 (protocol) / -3 (partial failure). */
  readonly code: number;
  /** The server's ErrorInfo, or a description of the transport failure. Must already be scrubbed. */
  readonly info: string;
  /** The command that failed, e.g. `get_official_account_info`. */
  readonly command: string;
  /** HTTP status when the failure was an HTTP status other than 200. */
  readonly httpStatus?: number;
  /** Node/axios error code such as ECONNRESET or ETIMEDOUT when the network failed. */
  readonly networkCode?: string;
  /** Overrides the table's meaning (transport errors say what happened). */
  readonly meaning?: string;
  /** Overrides the table's hint. */
  readonly hint?: string;
  /** Fits the table's hint to the user's set-up: the settings as they named them, the kind of endpoint. */
  readonly hintContext?: HintContext;
  /** Overrides the table's retry class. */
  readonly retry?: ChatErrorRetryClass;
  /** The underlying failure, already scrubbed of secrets. */
  readonly cause?: Error;
  /** For per-item failures: the id the code belongs to. */
  readonly subject?: string;
  /** Whether the server may have applied this attempt although it gave no answer. */
  readonly possiblyApplied?: boolean;
}

/**
 * The one error every Chat call throws. It never carries secrets: the client
 * scrubs ErrorInfo and causes before building it, and `toJSON`/inspect show
 * only the fields below.
 */
export class ChatApiError extends Error {
  /** Always `ChatApiError`, so logs and `instanceof`-free checks can tell it apart. */
  override readonly name = "ChatApiError";
  /** The API's ErrorCode, or -1 (transport) / -2 (protocol). */
  readonly code: number;
  /** The server's ErrorInfo (or the transport failure's description). */
  readonly info: string;
  /** The command that failed, e.g. `get_official_account_info`. */
  readonly command: string;
  /** What the code means, in a few words. */
  readonly meaning: string;
  /** What to do about it, in plain language. */
  readonly hint: string;
  /** How the client treats the code (transient and throttle are retried). */
  readonly retryClass: ChatErrorRetryClass;
  /** The HTTP status, when the failure was an HTTP status other than 200. */
  readonly httpStatus?: number;
  /** The network error code (ECONNRESET, ETIMEDOUT, ...), when the network failed. */
  readonly networkCode?: string;
  /** For per-item failures: the official account or user id the code belongs to. */
  readonly subject?: string;
  /** How many requests the call made before giving up (set by the client). */
  attempts = 1;
  /**
   * True when this or an earlier attempt of the same call failed in a way
   * that leaves open whether the server applied it (connection dropped,
   * timeout, HTTP 5xx, internal-error codes). A create that ends in 130008
   * with this set probably created the account itself.
   */
  possiblyApplied: boolean;

  /** @param init the code and context; meaning, hint and retry class come from the code table unless given. */
  constructor(init: ChatApiErrorInit) {
    const described = describeChatErrorCode(init.code, init.hintContext);
    const meaning = init.meaning ?? described.meaning;
    const hint = init.hint ?? described.hint;
    super(ChatApiError.formatMessage(init, meaning, hint), init.cause ? { cause: init.cause } : undefined);
    this.code = init.code;
    this.info = init.info;
    this.command = init.command;
    this.meaning = meaning;
    this.hint = hint;
    this.retryClass = init.retry ?? described.retry;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    if (init.networkCode !== undefined) this.networkCode = init.networkCode;
    if (init.subject !== undefined) this.subject = init.subject;
    this.possiblyApplied = init.possiblyApplied === true;
  }

  /** Whether the client retries this error (transient, throttle or a UserSig renewal). */
  get retryable(): boolean {
    return this.retryClass !== "none";
  }

  /** True when no answer came back or it was not the API's (code -1 / -2). */
  get isTransportError(): boolean {
    return this.code === ErrorCode.transport;
  }

  private static formatMessage(init: ChatApiErrorInit, meaning: string, hint: string): string {
    let what: string;
    if (init.code === ErrorCode.transport) {
      what =
        init.httpStatus !== undefined ? `HTTP ${init.httpStatus}` : `network error ${init.networkCode ?? "unknown"}`;
    } else if (init.code === ErrorCode.protocol) {
      what = "an unexpected response";
    } else {
      what = String(init.code);
    }
    const subject = init.subject !== undefined ? ` for ${init.subject}` : "";
    const info = init.info.trim() === "" ? "" : `: ${init.info.trim()}`;
    return `${init.command} failed${subject} with ${what} (${meaning})${info}. Hint: ${hint}`;
  }

  /** Records how the call ended (attempt count, whether an attempt may have applied). */
  noteAttempts(attempts: number, possiblyApplied: boolean): this {
    this.attempts = attempts;
    this.possiblyApplied = this.possiblyApplied || possiblyApplied;
    if (attempts > 1 && !/\(after \d+ attempts\)$/.test(this.message)) {
      const before = `${this.name}: ${this.message}`;
      this.message = `${this.message} (after ${attempts} attempts)`;
      if (this.stack?.startsWith(before))
        this.stack = `${this.name}: ${this.message}${this.stack.slice(before.length)}`;
    }
    return this;
  }

  /** The error's fields (never a secret), for logs and JSON output. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      code: this.code,
      info: this.info,
      command: this.command,
      meaning: this.meaning,
      hint: this.hint,
      retryable: this.retryable,
      httpStatus: this.httpStatus,
      networkCode: this.networkCode,
      subject: this.subject,
      attempts: this.attempts,
      possiblyApplied: this.possiblyApplied,
    };
  }

  /** The stack and the scrubbed cause: what `console.log` and `util.inspect` show. */
  [inspect.custom](): string {
    const cause = this.cause instanceof Error ? `\n  [cause]: ${this.cause.name}: ${this.cause.message}` : "";
    return `${this.stack ?? `${this.name}: ${this.message}`}${cause}`;
  }
}

/** True when `error` is a ChatApiError with one of `codes`. */
export function hasChatErrorCode(error: unknown, ...codes: number[]): error is ChatApiError {
  return error instanceof ChatApiError && codes.includes(error.code);
}
