/**
 * Subscriptions: add, delete, and page through one account's subscribers
 * with an opaque `Next` cursor. Add and delete answer per user
 * (`SubscriberList[{Subscriber_Account, Result}]`, vendor pages 60760 and
 * 60761): a full account fails only the users past its MaxSubscriberNum.
 * A subscriber that was never imported still fails the whole call (70107).
 */
import type { OfficialAccountCommand } from "../../chat-api/commands";
import {
  DEFAULT_LIMIT_PER_PAGE,
  MAX_LIMIT_PER_PAGE,
  MAX_SUBSCRIBERS_PER_CALL,
  SUBSCRIPTION_CUSTOM_STRING_MAX_BYTES,
} from "../../chat-api/limits";
import { SubscriberResult, type SubscriberResultCode } from "../../chat-api/wire-types";
import { invalidParameter } from "../failure";
import type { ChatState } from "../state";
import {
  checkAccountId,
  objectItems,
  optionalInteger,
  optionalString,
  requiredArray,
  requiredUserId,
  type Body,
} from "../validate";
import type { Handler } from "./context";
import { requireAccount, requireImported } from "./official-accounts";

type Command = typeof OfficialAccountCommand;

interface SubscriberEntry {
  readonly user: string;
  readonly customString: string;
}

/** How a subscriber receives messages; the emulator sends none, so everyone gets the first flag. */
const DEFAULT_MSG_FLAG = "AcceptAndNotify";
/** Cursors are opaque, like the vendor's ("TGSOTk="): base64 of this prefix and a position, never all digits. */
const CURSOR_PREFIX = "seq:";

function encodeCursor(seq: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${seq}`).toString("base64");
}

/** The position a cursor stands for; 6017 for anything the emulator never gave out. */
function decodeCursor(next: unknown): number {
  if (next === undefined || next === "") return 0;
  const text = typeof next === "string" ? Buffer.from(next, "base64").toString("utf8") : "";
  const match = /^seq:(\d{1,15})$/.exec(text);
  if (!match || encodeCursor(Number(match[1])) !== next) {
    throw invalidParameter(`Next must be "" for the first page, then the Next value of the previous answer`);
  }
  return Number(match[1]);
}

/** Distinct users of a subscriber list (the first entry of a user wins); at most `max` items. */
function readSubscriberList(body: Body, max: number): SubscriberEntry[] {
  const items = objectItems(requiredArray(body, "SubscriberList", 1, max), "SubscriberList");
  const seen = new Map<string, SubscriberEntry>();
  for (const item of items) {
    const user = requiredUserId(item, "Subscriber_Account");
    const customString = optionalString(item, "CustomString", SUBSCRIPTION_CUSTOM_STRING_MAX_BYTES) ?? "";
    if (!seen.has(user)) seen.set(user, { user, customString });
  }
  return [...seen.values()];
}

/** delete_subscriber's users: the vendor's `SubscriberToDel_Account` list, or add's `SubscriberList` shape. */
function readUsersToDelete(body: Body): string[] {
  if (body.SubscriberToDel_Account === undefined && body.SubscriberList !== undefined) {
    return readSubscriberList(body, Number.MAX_SAFE_INTEGER).map((entry) => entry.user);
  }
  const list = requiredArray(body, "SubscriberToDel_Account", 1, Number.MAX_SAFE_INTEGER);
  const users = list.map((user, i) => {
    const field = `SubscriberToDel_Account[${i}]`;
    return requiredUserId({ [field]: user }, field);
  });
  return [...new Set(users)];
}

/** The account's room for subscribers, once every subscriber is known to be imported (70107 fails the call). */
function checkTarget(state: ChatState, id: string, users: readonly string[]): number {
  const account = requireAccount(state, id);
  for (const user of users) requireImported(state, user, "Subscriber_Account");
  return account.MaxSubscriberNum - state.subscriberCount(id);
}

function results(users: readonly string[], resultOf: (user: string) => SubscriberResultCode) {
  return { SubscriberList: users.map((user) => ({ Subscriber_Account: user, Result: resultOf(user) })) };
}

/** add_subscriber: up to 100 users; past the account's MaxSubscriberNum a user fails alone (`Result` 0). */
export const addSubscriber: Handler<Command["addSubscriber"]> = (body, ctx) => {
  const id = checkAccountId(body.Official_Account, "Official_Account");
  const entries = readSubscriberList(body, MAX_SUBSCRIBERS_PER_CALL);
  let room = checkTarget(
    ctx.state,
    id,
    entries.map((entry) => entry.user),
  );
  const added: SubscriberEntry[] = [];
  const outcome = new Map<string, SubscriberResultCode>();
  for (const entry of entries) {
    if (ctx.state.isSubscribed(id, entry.user)) outcome.set(entry.user, SubscriberResult.unchanged);
    else if (room <= 0) outcome.set(entry.user, SubscriberResult.failed);
    else {
      room--;
      added.push(entry);
      outcome.set(entry.user, SubscriberResult.done);
    }
  }
  ctx.state.subscribe(id, added, ctx.nowSeconds());
  return results([...outcome.keys()], (user) => outcome.get(user)!);
};

/** delete_subscriber: removes the users; one who was not subscribed is `Result` 2, a success. */
export const deleteSubscriber: Handler<Command["deleteSubscriber"]> = (body, ctx) => {
  const id = checkAccountId(body.Official_Account, "Official_Account");
  const users = readUsersToDelete(body);
  checkTarget(ctx.state, id, users);
  const wasSubscribed = new Set(users.filter((user) => ctx.state.isSubscribed(id, user)));
  ctx.state.unsubscribe(id, users);
  return results(users, (user) => (wasSubscribed.has(user) ? SubscriberResult.done : SubscriberResult.unchanged));
};

/** get_subscriber_info: one page of an account's subscribers, oldest first, with an opaque `Next` cursor. */
export const getSubscriberInfo: Handler<Command["getSubscribers"]> = (body, ctx) => {
  const id = checkAccountId(body.Official_Account, "Official_Account");
  const limit = optionalInteger(body, "Limit", 1, MAX_LIMIT_PER_PAGE) ?? DEFAULT_LIMIT_PER_PAGE;
  const after = decodeCursor(body.Next);
  requireAccount(ctx.state, id);
  // The cursor is the creation order of the last subscription returned, so deletions never skip anyone.
  const all = ctx.state.subscribersOf(id);
  const rest = all.filter((s) => s.seq > after);
  const page = rest.slice(0, limit);
  const more = rest.length > page.length;
  return {
    Next: more ? encodeCursor(page[page.length - 1].seq) : "",
    SubscriberNum: all.length,
    SubscriberList: page.map((s) => ({
      Subscriber_Account: s.user,
      SubscribeTime: s.time,
      CustomString: s.customString,
      MsgFlag: DEFAULT_MSG_FLAG,
      LastSendMsgTime: 0,
    })),
  };
};
