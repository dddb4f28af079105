/**
 * The one error class handlers and checks throw, so the server can write it
 * as the vendor's FAIL envelope. The codes themselves are the contract's
 * (chat-api/error-codes.ts); docs/emulator.md says which case gets which.
 */
import { ErrorCode } from "../chat-api/error-codes";

/** A failure a handler or check reports; the server turns it into a FAIL envelope. */
export class CommandFailure extends Error {
  /**
   * @param code the vendor's ErrorCode for the case.
   * @param info the ErrorInfo the caller sees.
   */
  constructor(
    readonly code: number,
    readonly info: string,
  ) {
    super(info);
    this.name = "CommandFailure";
  }
}

/** Shorthand for the most common failure: a malformed or out-of-range field (6017). */
export function invalidParameter(info: string): CommandFailure {
  return new CommandFailure(ErrorCode.invalidParameter, info);
}
