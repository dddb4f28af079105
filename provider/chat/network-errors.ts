/**
 * What a call that got no answer amounts to: the ChatApiError (code -1) for
 * a network failure, a cancelled operation or a passed deadline, each with
 * what happened in a few words and what to do about it. Secrets are
 * scrubbed from the cause before it is kept.
 */
import { ErrorCode } from "../../chat-api/error-codes";
import { ChatApiError } from "./errors";
import { scrubbedCause, type Redactor } from "./redact";
import { networkFailurePossiblyApplied, networkRetryClass } from "./retry-classification";

/** Where the failed request went and how to clean what the failure says. */
interface NetworkFailureContext {
  /** The base URL the request was sent to, named in hints. */
  readonly baseUrl: string;
  /** Removes secrets from the failure's message. */
  readonly redact: Redactor;
}

/** The meaning and hint of a network error code. */
function describeNetworkCode(
  networkCode: string,
  timeoutMs: number,
  baseUrl: string,
): { readonly meaning: string; readonly hint: string } {
  if (networkCode === "ETIMEDOUT" || networkCode === "ECONNABORTED") {
    return {
      meaning: `no answer within ${Math.floor(timeoutMs)} ms`,
      hint: "the API or the network is slow; it is retried automatically. If it persists, raise timeoutMs or check connectivity to the endpoint.",
    };
  }
  if (networkCode === "ECONNREFUSED") {
    return {
      meaning: "connection refused",
      hint: `nothing accepts connections at ${baseUrl}; check the endpoint (is the emulator running?).`,
    };
  }
  if (networkCode === "ENOTFOUND" || networkCode === "EAI_AGAIN") {
    return {
      meaning: "host name does not resolve",
      hint: `check the region/endpoint setting (${baseUrl}) and this machine's DNS.`,
    };
  }
  if (networkCode === "ECONNRESET" || networkCode === "EPIPE" || networkCode === "ERR_NETWORK") {
    return {
      meaning: "connection dropped before an answer came back",
      hint: "the server or a proxy closed the connection; it is retried automatically. For a create, the account may already exist.",
    };
  }
  return { meaning: "network failure", hint: "check connectivity to the endpoint, proxies and TLS settings." };
}

/** The error for a request that failed before any answer came back (`error` is what the HTTP library threw). */
export function networkError(
  command: string,
  error: unknown,
  timeoutMs: number,
  context: NetworkFailureContext,
): ChatApiError {
  const cause = scrubbedCause(error, context.redact);
  const raw = (error as { code?: unknown } | undefined)?.code;
  const networkCode = typeof raw === "string" && raw !== "" ? raw : "ERR_NETWORK";
  const timedOut = networkCode === "ETIMEDOUT" || networkCode === "ECONNABORTED";
  const { meaning, hint } = describeNetworkCode(networkCode, timeoutMs, context.baseUrl);
  const retry = networkRetryClass(networkCode);
  return new ChatApiError({
    code: ErrorCode.transport,
    command,
    info: cause.message,
    networkCode: timedOut ? "ETIMEDOUT" : networkCode,
    meaning,
    hint,
    retry,
    cause,
    possiblyApplied: networkFailurePossiblyApplied(networkCode, retry),
  });
}

/** The failure of a call whose operation was cancelled before it could finish. */
export function cancelledError(command: string, possiblyApplied: boolean): ChatApiError {
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

/** The failure of an attempt whose call's total deadline passed before it could be sent. */
export function deadlinePassedError(command: string): ChatApiError {
  return new ChatApiError({
    code: ErrorCode.transport,
    command,
    networkCode: "ETIMEDOUT",
    info: "the call's total deadline passed while it waited for the rate limiter",
    meaning: "deadline exceeded",
    hint: "the API was too slow or too busy for totalDeadlineMs; raise totalDeadlineMs or lower the number of parallel operations.",
    retry: "none",
  });
}
