/**
 * One error class for everything a Chat call can fail with, and the table of
 * error codes with plain-language hints (the README's troubleshooting section
 * and the provider's messages read from it).
 *
 * Codes:
 * - a positive number is the API's own `ErrorCode` (or a per-item code);
 * - {@link TRANSPORT_ERROR_CODE} (-1): no usable answer came back (network
 *   error, timeout, HTTP status other than 200); see `httpStatus` and `networkCode`;
 * - {@link PROTOCOL_ERROR_CODE} (-2): an answer came back but did not have the
 *   documented shape (not JSON, an id missing from a list, ...);
 * - {@link PARTIAL_FAILURE_ERROR_CODE} (-3): a batch call succeeded but listed
 *   some items as failed without a code of their own (multiaccount_import's FailAccounts).
 */
import { inspect } from "node:util";

/** No usable answer: network error, timeout or a non-200 HTTP status. */
export const TRANSPORT_ERROR_CODE = -1;
/** An answer that does not have the documented shape. */
export const PROTOCOL_ERROR_CODE = -2;
/** A batch call that failed for some items and gave no code for them. */
export const PARTIAL_FAILURE_ERROR_CODE = -3;

/** How the client reacts to a code. */
export type ChatErrorRetryClass =
  /** Retried with backoff, within `maxRetries`. */
  | "transient"
  /** Retried with backoff, within the larger `maxThrottleRetries`. */
  | "throttle"
  /** The UserSig is signed afresh and the call retried once. */
  | "renew-user-sig"
  /** Fails at once. */
  | "none";

export interface ChatErrorCodeDescription {
  code: number;
  /** What the code means, in a few words (shown in parentheses in messages). */
  meaning: string;
  /** What to do about it, in plain language. */
  hint: string;
  retry: ChatErrorRetryClass;
}

type Entry = Omit<ChatErrorCodeDescription, "code">;

const CHECK_CREDENTIALS =
  "check tencentchat:sdkAppId, tencentchat:identifier and tencentchat:secretKey (or the TENCENTCHAT_* variables) against the Chat console";

/** Every code in the project's API notes, with a plain-language hint. */
export const CHAT_ERROR_CODES: Readonly<Record<number, Entry>> = {
  [TRANSPORT_ERROR_CODE]: {
    meaning: "no usable answer from the Chat API",
    hint: "the network, a proxy or the service failed; check connectivity to the endpoint and retry later. For a create, the account may exist now: retrying with the same officialAccountUserId is safe.",
    retry: "transient",
  },
  [PROTOCOL_ERROR_CODE]: {
    meaning: "unexpected response from the Chat API",
    hint: "the answer did not have the documented shape; check that the endpoint points at the Chat REST API (or the emulator) and not at another service.",
    retry: "none",
  },
  [PARTIAL_FAILURE_ERROR_CODE]: {
    meaning: "some items failed",
    hint: "the call succeeded for some items only; ErrorInfo lists the ones that failed (for imports: UserIDs must be 1 to 32 bytes).",
    retry: "none",
  },
  6017: {
    meaning: "invalid parameter",
    hint: "a field is missing, too long or malformed; ErrorInfo names it. Check the field limits (Name <= 150 bytes, Introduction <= 400, FaceUrl <= 500, Organization <= 500, CustomString <= 3000).",
    retry: "none",
  },
  10004: {
    meaning: "internal server error",
    hint: "a temporary fault on Tencent's side; it is retried automatically.",
    retry: "transient",
  },
  20001: {
    meaning: "invalid request packet",
    hint: "the request body was not accepted; this is likely a bug in pulumi-tencent-chat, please report it with the ErrorInfo.",
    retry: "none",
  },
  20005: {
    meaning: "internal server error",
    hint: "a temporary fault on Tencent's side; it is retried automatically.",
    retry: "transient",
  },
  130002: {
    meaning: "insufficient permission",
    hint: "the identifier is not allowed to do this; use an app admin account (Chat console > App admin) and check ErrorInfo for the field it objects to.",
    retry: "none",
  },
  130004: {
    meaning: "official account does not exist",
    hint: "the account was never created or has been destroyed (possibly by hand in the console); run `pulumi refresh` to drop it from state.",
    retry: "none",
  },
  130007: {
    meaning: "bad official account id",
    hint: 'the officialAccountUserId is malformed: it must start with "@TOA#_" followed by letters, digits, "_", "-", "#", "@" or ".".',
    retry: "none",
  },
  130008: {
    meaning: "official account id already in use",
    hint: "another official account already has this officialAccountUserId; choose another id, or set adopt: true to take the existing account over.",
    retry: "none",
  },
  130010: {
    meaning: "too many official accounts for the plan",
    hint: "destroy unused official accounts or upgrade the Chat plan.",
    retry: "none",
  },
  131000: {
    meaning: "official-account service not enabled",
    hint: "enable the official account feature for this SDKAppID in the Chat console, then retry.",
    retry: "none",
  },
  60002: {
    meaning: "URL parse error",
    hint: "the request URL was rejected; check the endpoint setting (no extra path or query string).",
    retry: "none",
  },
  60003: {
    meaning: "request JSON parse error",
    hint: "the request body was not valid JSON for the server; this is likely a bug in pulumi-tencent-chat, please report it.",
    retry: "none",
  },
  60004: {
    meaning: "bad identifier or UserSig",
    hint: `the admin identifier or its UserSig was refused; ${CHECK_CREDENTIALS}.`,
    retry: "none",
  },
  60005: {
    meaning: "bad identifier or UserSig",
    hint: `the admin identifier or its UserSig was refused; ${CHECK_CREDENTIALS}.`,
    retry: "none",
  },
  60006: {
    meaning: "invalid SDKAppID",
    hint: "tencentchat:sdkAppId is not a valid SDKAppID; copy it from the Chat console (a number such as 1400000000).",
    retry: "none",
  },
  60007: {
    meaning: "REST call frequency exceeded",
    hint: "more than 200 calls per second reached the API; the client backs off and retries. If it persists, another process is using the same SDKAppID: lower callsPerSecond.",
    retry: "throttle",
  },
  60010: {
    meaning: "app admin required",
    hint: "tencentchat:identifier must be an app admin account (Chat console > App admin).",
    retry: "none",
  },
  60011: {
    meaning: "SDKAppID call frequency exceeded",
    hint: "the app as a whole is over its call quota; the client backs off and retries. Lower callsPerSecond if it persists.",
    retry: "throttle",
  },
  60012: {
    meaning: "missing SDKAppID",
    hint: "set tencentchat:sdkAppId (or TENCENTCHAT_SDKAPPID).",
    retry: "none",
  },
  60018: {
    meaning: "requests too frequent",
    hint: "the service asked to retry later; the client backs off and retries.",
    retry: "throttle",
  },
  60019: {
    meaning: "requests too frequent",
    hint: "the service asked to retry later; the client backs off and retries.",
    retry: "throttle",
  },
  60020: {
    meaning: "plan expired or not active",
    hint: "the Chat plan of this SDKAppID has expired or is not active; renew it in the Chat console.",
    retry: "none",
  },
  60021: {
    meaning: "caller IP not allowed",
    hint: "the app restricts the IPs that may call the REST API; add this machine's public IP to the allow list in the Chat console.",
    retry: "none",
  },
  70001: {
    meaning: "UserSig expired",
    hint: "the client signs a fresh UserSig and retries once; if this persists, check this machine's clock.",
    retry: "renew-user-sig",
  },
  70002: {
    meaning: "UserSig empty",
    hint: `no UserSig reached the server; ${CHECK_CREDENTIALS}.`,
    retry: "none",
  },
  70003: {
    meaning: "UserSig check failed",
    hint: `the UserSig did not verify: usually the secret key is wrong; ${CHECK_CREDENTIALS}.`,
    retry: "none",
  },
  70005: {
    meaning: "UserSig check failed",
    hint: `the UserSig did not verify: usually the secret key is wrong; ${CHECK_CREDENTIALS}.`,
    retry: "none",
  },
  70009: {
    meaning: "secret key does not match the SDKAppID",
    hint: "the secret key does not belong to this SDKAppID; copy the key shown for this app in the Chat console into tencentchat:secretKey.",
    retry: "none",
  },
  70013: {
    meaning: "identifier does not match the UserSig",
    hint: "the UserSig was signed for another identifier; check tencentchat:identifier.",
    retry: "none",
  },
  70014: {
    meaning: "SDKAppID does not match the UserSig",
    hint: "the UserSig was signed for another SDKAppID; check tencentchat:sdkAppId.",
    retry: "none",
  },
  70016: {
    meaning: "key not found in this data centre",
    hint: "wrong region / data centre: set tencentchat:region to the region of your SDKAppID (china, singapore, seoul, frankfurt, silicon-valley, jakarta, tokyo, mumbai).",
    retry: "none",
  },
  70050: {
    meaning: "too many failed UserSig checks",
    hint: "the service locked this identifier after repeated failures; fix the credentials, then wait a minute before retrying.",
    retry: "none",
  },
  70107: {
    meaning: "account not imported",
    hint: "the owner or subscriber account does not exist in Chat: import it first (account_import / multiaccount_import, or the console).",
    retry: "none",
  },
  70169: {
    meaning: "internal timeout",
    hint: "a temporary fault on Tencent's side; it is retried automatically.",
    retry: "transient",
  },
  70402: {
    meaning: "invalid parameters",
    hint: "a request field was refused; ErrorInfo names it.",
    retry: "none",
  },
  70403: {
    meaning: "app admin required",
    hint: "tencentchat:identifier must be an app admin account (Chat console > App admin).",
    retry: "none",
  },
  70500: {
    meaning: "internal server error",
    hint: "a temporary fault on Tencent's side; it is retried automatically.",
    retry: "transient",
  },
};

/** Describes any code; unknown codes get a generic description and are not retried. */
export function describeChatErrorCode(code: number): ChatErrorCodeDescription {
  const entry = CHAT_ERROR_CODES[code];
  if (entry) return { code, ...entry };
  const common = code >= 60000 && code <= 79999;
  return {
    code,
    meaning: common ? "Chat common error" : "Chat API error",
    hint: `see the Tencent Cloud Chat error code list for ${code}; ErrorInfo usually says what is wrong.`,
    retry: "none",
  };
}

/** Fields a caller may set when building a {@link ChatApiError}. */
export interface ChatApiErrorInit {
  code: number;
  /** The server's ErrorInfo, or a description of the transport failure. Must already be scrubbed. */
  info: string;
  command: string;
  /** HTTP status when the failure was an HTTP status other than 200. */
  httpStatus?: number;
  /** Node/axios error code such as ECONNRESET or ETIMEDOUT when the network failed. */
  networkCode?: string;
  /** Overrides the table's meaning (transport errors say what happened). */
  meaning?: string;
  /** Overrides the table's hint. */
  hint?: string;
  /** Overrides the table's retry class. */
  retry?: ChatErrorRetryClass;
  /** The underlying failure, already scrubbed of secrets. */
  cause?: Error;
  /** For per-item failures: the id the code belongs to. */
  subject?: string;
  /** Whether the server may have applied this attempt although it gave no answer. */
  outcomeUnknown?: boolean;
}

/**
 * The one error every Chat call throws. It never carries secrets: the client
 * scrubs ErrorInfo and causes before building it, and `toJSON`/inspect show
 * only the fields below.
 */
export class ChatApiError extends Error {
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
  readonly httpStatus?: number;
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

  constructor(init: ChatApiErrorInit) {
    const described = describeChatErrorCode(init.code);
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
    this.possiblyApplied = init.outcomeUnknown === true;
  }

  /** Whether the client retries this error (transient, throttle or a UserSig renewal). */
  get retryable(): boolean {
    return this.retryClass !== "none";
  }

  /** True when no answer came back or it was not the API's (code -1 / -2). */
  get isTransportError(): boolean {
    return this.code === TRANSPORT_ERROR_CODE;
  }

  private static formatMessage(init: ChatApiErrorInit, meaning: string, hint: string): string {
    let what: string;
    if (init.code === TRANSPORT_ERROR_CODE) {
      what =
        init.httpStatus !== undefined ? `HTTP ${init.httpStatus}` : `network error ${init.networkCode ?? "unknown"}`;
    } else if (init.code === PROTOCOL_ERROR_CODE) {
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

  [inspect.custom](): string {
    const cause = this.cause instanceof Error ? `\n  [cause]: ${this.cause.name}: ${this.cause.message}` : "";
    return `${this.stack ?? `${this.name}: ${this.message}`}${cause}`;
  }
}

export function isChatApiError(error: unknown): error is ChatApiError {
  return error instanceof ChatApiError;
}

/** True when `error` is a ChatApiError with one of `codes`. */
export function hasChatErrorCode(error: unknown, ...codes: number[]): error is ChatApiError {
  return error instanceof ChatApiError && codes.includes(error.code);
}
