/**
 * The errors the provider and the lookups raise, one type for both: a
 * sentence saying what was being done, with the client's ChatApiError kept
 * as `cause` so its code, hint and `possiblyApplied` survive.
 */
import { ChatApiError } from "../chat";

/** A failed operation on official accounts, from the resource or a lookup. */
export class OfficialAccountError extends Error {
  override readonly name: string = "OfficialAccountError";

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

/**
 * A create that landed (the service holds the account) but whose read-back
 * failed: the engine must still record the account, or the next run would
 * find its id in use. Front doors pass `id`, `properties` and `reasons` to
 * the engine as a partial failure (pulumirpc.ErrorResourceInitFailed; the
 * dynamic-provider host reads these same three members), so the account is
 * kept in state and the next `pulumi up` finishes it instead of creating it.
 */
export class OfficialAccountCreatedButUnreadError extends OfficialAccountError {
  override readonly name = "OfficialAccountCreatedButUnreadError";
  /** The id of the account that was created. */
  readonly id: string;
  /** The state known so far: the inputs as declared, outputs the read would have filled in as 0. */
  readonly properties: Record<string, unknown>;
  /** Why the account is incomplete and what happens next, as the engine shows it. */
  readonly reasons: string[];

  constructor(id: string, properties: Record<string, unknown>, cause: unknown) {
    const why = cause instanceof Error ? cause.message : cause === undefined ? "it was not found" : String(cause);
    super(
      `official account ${id} was created, but reading it back failed: ${why} ` +
        "It is recorded in the stack; the next `pulumi up` (or `pulumi refresh`) reads its service-side fields.",
      { cause },
    );
    this.id = id;
    this.properties = properties;
    // The engine shows the reasons (not the message) of a partial failure: the whole story goes there.
    this.reasons = [this.message];
  }
}
