/**
 * The error codes the emulator answers with, all taken from the vendor's
 * pages (see docs/emulator.md for which case gets which), and the one error
 * class handlers throw so the server can write it as an envelope.
 */
export const Code = {
  ok: 0,
  invalidParameter: 6017,
  internalError: 10004,
  internalErrorAlt: 20005,
  urlParse: 60002,
  jsonParse: 60003,
  badIdentifier: 60004,
  badSdkAppId: 60006,
  frequencyLimit: 60007,
  missingSdkAppId: 60012,
  userSigExpired: 70001,
  userSigEmpty: 70002,
  userSigInvalid: 70003,
  identifierMismatch: 70013,
  sdkAppIdMismatch: 70014,
  accountNotImported: 70107,
  importInvalidParameter: 70402,
  adminRequired: 70403,
  accountNotFound: 130004,
  badAccountId: 130007,
  accountIdInUse: 130008,
  accountQuotaExceeded: 130010,
  /** No code is documented for "subscriber limit reached"; the generic invalid-parameter code is the closest. */
  subscriberLimitReached: 6017,
} as const;

/** A failure a handler or check reports; the server turns it into a FAIL envelope. */
export class ChatError extends Error {
  constructor(
    readonly code: number,
    readonly info: string,
  ) {
    super(info);
    this.name = "ChatError";
  }
}

/** Shorthand for the most common failure: a malformed or out-of-range field. */
export function invalidParameter(info: string): ChatError {
  return new ChatError(Code.invalidParameter, info);
}
