/**
 * Subscriptions: add, delete, and page through one account's subscribers
 * with the `Next` cursor. Add and delete are all-or-nothing: one bad
 * subscriber fails the whole call and nothing changes.
 */
import { DEFAULT_LIMIT_PER_PAGE, FIELD_BYTE_LIMITS, MAX_LIMIT_PER_PAGE } from "../../provider/chat/limits";
import { ChatError, Code, invalidParameter } from "../codes";
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

interface SubscriberEntry {
  user: string;
  customString: string;
}

/** Reads SubscriberList, dropping repeats of the same user (the first one wins). */
function readSubscriberList(body: Body): SubscriberEntry[] {
  const items = objectItems(requiredArray(body, "SubscriberList", 1, Number.MAX_SAFE_INTEGER), "SubscriberList");
  const seen = new Map<string, SubscriberEntry>();
  for (const item of items) {
    const user = requiredUserId(item, "Subscriber_Account");
    const customString = optionalString(item, "CustomString", FIELD_BYTE_LIMITS.CustomString) ?? "";
    if (!seen.has(user)) seen.set(user, { user, customString });
  }
  return [...seen.values()];
}

export const addSubscriber: Handler = (body, ctx) => {
  const id = checkAccountId(body.Official_Account, "Official_Account");
  const entries = readSubscriberList(body);
  requireAccount(ctx.state, id);
  for (const { user } of entries) requireImported(ctx.state, user, "Subscriber_Account");
  const fresh = entries.filter(({ user }) => !ctx.state.isSubscribed(id, user));
  const current = ctx.state.subscriberCount(id);
  const max = ctx.state.getAccount(id)!.MaxSubscriberNum;
  if (current + fresh.length > max) {
    throw new ChatError(
      Code.subscriberLimitReached,
      `official account ${JSON.stringify(id)} has ${current} of MaxSubscriberNum ${max} subscribers; ` +
        `adding ${fresh.length} would exceed it (raise MaxSubscriberNum with modify_official_account_base_info)`,
    );
  }
  ctx.state.subscribe(id, fresh, ctx.nowSeconds());
  return {};
};

export const deleteSubscriber: Handler = (body, ctx) => {
  const id = checkAccountId(body.Official_Account, "Official_Account");
  const entries = readSubscriberList(body);
  requireAccount(ctx.state, id);
  for (const { user } of entries) requireImported(ctx.state, user, "Subscriber_Account");
  ctx.state.unsubscribe(
    id,
    entries.map((e) => e.user),
  );
  return {};
};

export const getSubscriberInfo: Handler = (body, ctx) => {
  const id = checkAccountId(body.Official_Account, "Official_Account");
  const limit = optionalInteger(body, "Limit", 1, MAX_LIMIT_PER_PAGE) ?? DEFAULT_LIMIT_PER_PAGE;
  const next = body.Next ?? "";
  if (typeof next !== "string" || !/^\d{0,15}$/.test(next)) {
    throw invalidParameter(`Next must be "" for the first page, then the Next value of the previous answer`);
  }
  requireAccount(ctx.state, id);
  // The cursor is the creation order of the last subscription returned, so deletions never skip anyone.
  const after = next === "" ? 0 : Number(next);
  const all = ctx.state.subscribersOf(id);
  const rest = all.filter((s) => s.seq > after);
  const page = rest.slice(0, limit);
  const more = rest.length > page.length;
  return {
    Next: more ? String(page[page.length - 1].seq) : "",
    SubscriberNum: all.length,
    SubscriberList: page.map((s) => ({
      Subscriber_Account: s.user,
      SubscribeTime: s.time,
      CustomString: s.customString,
      MsgFlag: 0,
      LastSendMsgTime: 0,
    })),
  };
};
