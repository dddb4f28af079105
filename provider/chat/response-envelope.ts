/**
 * Reads one answer of the Chat REST API: an HTTP status and a body that
 * should be the documented JSON envelope (`ActionStatus`, `ErrorCode`,
 * `ErrorInfo` and the command's own fields). A success is the parsed body;
 * anything else is the ChatApiError it amounts to: an HTTP failure (-1), an
 * answer that is not an envelope (-2), or the API's own ErrorCode.
 */
import { ErrorCode, type HintContext } from "../../chat-api/error-codes";
import { ChatApiError } from "./errors";
import type { Redactor } from "./redact";
import { httpStatusRetryClass } from "./retry-classification";

/** The response envelope fields the client checks; commands add their own. */
interface Envelope {
  readonly ActionStatus?: unknown;
  readonly ErrorCode?: unknown;
  readonly ErrorInfo?: unknown;
}

/** Where the answer came from and how to word and clean an error about it. */
interface EnvelopeContext {
  /** The base URL the request was sent to, named in hints. */
  readonly baseUrl: string;
  /** Removes secrets from any text of the answer an error quotes. */
  readonly redact: Redactor;
  /** Fits the code table's hints to the user's set-up. */
  readonly hintContext: HintContext;
}

/** `text` on one line, cut to `max` characters. */
function snippet(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

/** The parsed body on success, or the ChatApiError the answer (`status`, body `text`) amounts to. */
export function parseResponse<T>(
  command: string,
  status: number,
  text: string,
  context: EnvelopeContext,
): T | ChatApiError {
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
  const retry = httpStatusRetryClass(status);

  if (!ok2xx && (retry !== "none" || !hasEnvelope)) {
    return new ChatApiError({
      code: ErrorCode.transport,
      command,
      httpStatus: status,
      info: context.redact(snippet(text)),
      meaning: status >= 500 ? "the server or a proxy failed" : `HTTP status ${status}`,
      hint:
        retry === "none"
          ? `the endpoint answered HTTP ${status}; check that ${context.baseUrl} is the Chat REST API (region/endpoint setting).`
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
      info: `expected a JSON envelope with ActionStatus/ErrorCode, got ${text === "" ? "an empty body" : JSON.stringify(context.redact(snippet(text, 120)))}`,
    });
  }
  const code = Number(envelope.ErrorCode ?? 0);
  const failed = envelope.ActionStatus === "FAIL" || (Number.isFinite(code) && code !== 0);
  if (!failed) return envelope as T;
  const apiCode = Number.isFinite(code) && code !== 0 ? code : ErrorCode.protocol;
  const error = new ChatApiError({
    code: apiCode,
    command,
    info: context.redact(String(envelope.ErrorInfo ?? "")),
    hintContext: context.hintContext,
    ...(apiCode === ErrorCode.protocol ? { meaning: "ActionStatus FAIL without an ErrorCode" } : {}),
  });
  // Internal-error codes may come after the call was applied (e.g. 70169 internal timeout).
  if (error.retryClass === "transient") error.possiblyApplied = true;
  return error;
}
