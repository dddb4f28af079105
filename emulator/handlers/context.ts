/** What every command handler gets, and what it returns. */
import type { CommandName } from "../../chat-api/commands";
import type { ResultOf } from "../../chat-api/wire-types";
import type { ChatState } from "../state";
import type { Body } from "../validate";

/** The emulator's settings and state a handler may use. */
export interface HandlerContext {
  readonly state: ChatState;
  /** Live official accounts allowed before create answers 130010. */
  readonly accountQuota: number;
  /** Return MaxSubscriberNum from get_official_account_info (undocumented there; off by default). */
  readonly returnMaxSubscriberNum: boolean;
  /** Unix seconds from the emulator's clock, for CreateTime and SubscribeTime. */
  nowSeconds(): number;
}

/**
 * Turns a parsed request body into the success fields of command `C`'s
 * response (its wire type without the envelope), or throws a
 * CommandFailure; it never writes to the socket itself.
 */
export type Handler<C extends CommandName> = (body: Body, ctx: HandlerContext) => ResultOf<C>;
