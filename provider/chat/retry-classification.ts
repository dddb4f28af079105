/**
 * Which failures are worth another attempt, and how: the retry class of a
 * network failure and of an HTTP status, whether a failed request may still
 * have been applied, and the retry kind (retry.ts) of a failed call. The
 * API's own error codes carry their class in chat-api/error-codes.ts.
 */
import type { ChatErrorRetryClass } from "../../chat-api/error-codes";
import type { CallOptions } from "./client-options";
import { ChatApiError } from "./errors";
import type { RetryKind } from "./retry";

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

/** `none` for a network failure no retry will fix (bad URL, certificate, unknown host), else `transient`. */
export function networkRetryClass(networkCode: string): ChatErrorRetryClass {
  return PERMANENT_NETWORK_CODES.has(networkCode) ? "none" : "transient";
}

/** Whether a request that failed with `networkCode` may have reached the server and been applied. */
export function networkFailurePossiblyApplied(networkCode: string, retry: ChatErrorRetryClass): boolean {
  return !NOT_SENT_CODES.has(networkCode) && retry !== "none";
}

/** `throttle` for HTTP 429, `transient` for 408 and 5xx, `none` for any other status. */
export function httpStatusRetryClass(status: number): ChatErrorRetryClass {
  if (status === 429) return "throttle";
  return status >= 500 || status === 408 ? "transient" : "none";
}

/** What one call remembers across its attempts while they are classified. */
export interface CallRetryState {
  /** Set once the call has renewed its UserSig; a second 70001 is not retried. */
  renewedUserSig: boolean;
  /** Set once any attempt failed in a way the server may have applied. */
  possiblyApplied: boolean;
}

/**
 * How a failed attempt of a call is retried: a UserSig renewal once (then
 * at once), throttling and transient failures after a backoff, unless the
 * failure may have been applied and the caller forbids retrying that.
 * Updates `state`; `renewUserSig` drops the refused sig before the retry.
 */
export function retryKindOf(
  error: unknown,
  state: CallRetryState,
  options: CallOptions,
  renewUserSig: (error: ChatApiError) => void,
): RetryKind {
  if (!(error instanceof ChatApiError)) return "none";
  if (error.possiblyApplied) state.possiblyApplied = true;
  switch (error.retryClass) {
    case "renew-user-sig":
      if (state.renewedUserSig) return "none";
      state.renewedUserSig = true;
      renewUserSig(error);
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
