/** What every command handler gets, and what it returns. */
import type { ChatState } from "../state";
import type { Body } from "../validate";

export interface HandlerContext {
  state: ChatState;
  accountQuota: number;
  returnMaxSubscriberNum: boolean;
  /** Unix seconds, for CreateTime and SubscribeTime. */
  nowSeconds(): number;
}

/**
 * Turns a parsed request body into the success fields of the response, or
 * throws a ChatError; it never writes to the socket itself.
 */
export type Handler = (body: Body, ctx: HandlerContext) => Body;
