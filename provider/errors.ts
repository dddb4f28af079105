/**
 * The errors the provider and the lookups raise, one type for both: a
 * sentence saying what was being done, with the client's ChatApiError kept
 * as `cause` so its code, hint and `possiblyApplied` survive.
 */
import { ChatApiError } from "./chat";

/** A failed operation on official accounts, from the resource or a lookup. */
export class OfficialAccountError extends Error {
  override readonly name = "OfficialAccountError";

  /** @param message what was being done and what went wrong; `cause` is the underlying failure. */
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
  }

  /** The Chat API's code when the cause is a ChatApiError (e.g. 130004), else undefined. */
  get code(): number | undefined {
    return this.cause instanceof ChatApiError ? this.cause.code : undefined;
  }
}

/** `action: <the error's message>`, plus a hint for specific API codes; the error becomes the cause. */
export function withContext(
  action: string,
  error: unknown,
  hints: Readonly<Record<number, string>> = {},
): OfficialAccountError {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof ChatApiError ? hints[error.code] : undefined;
  return new OfficialAccountError(`${action}: ${message}${hint ? ` ${hint}` : ""}`, { cause: error });
}
