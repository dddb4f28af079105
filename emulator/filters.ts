/**
 * ResponseFilter: which fields a read returns. An absent filter list means
 * every field; a list returns only the names in it (Official_Account always).
 */
import { BASE_INFO_FILTER_FIELDS, SELF_INFO_FILTER_FIELDS } from "../provider/chat/limits";
import { invalidParameter } from "./codes";
import type { AccountRecord, Subscription } from "./state";
import { optionalObject, type Body } from "./validate";

export type FieldSet = ReadonlySet<string> | undefined;

export interface ParsedFilter {
  baseInfo: FieldSet;
  selfInfo: FieldSet;
}

function parseList(filter: Body, key: string, allowed: readonly string[]): FieldSet {
  const value = filter[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidParameter(`ResponseFilter.${key} must be an array of field names`);
  for (const name of value) {
    if (typeof name !== "string" || !allowed.includes(name)) {
      throw invalidParameter(
        `ResponseFilter.${key} has an unknown field ${JSON.stringify(name)}; valid fields: ${allowed.join(", ")}`,
      );
    }
  }
  return new Set(value as string[]);
}

/** Reads `ResponseFilter`, accepting only the lists the command documents. */
export function parseResponseFilter(body: Body, allowSelfInfo: boolean): ParsedFilter {
  const filter = optionalObject(body, "ResponseFilter");
  if (!filter) return { baseInfo: undefined, selfInfo: undefined };
  const allowedKeys = allowSelfInfo
    ? ["OfficialAccountBaseInfoFilter", "SelfInfoFilter"]
    : ["OfficialAccountBaseInfoFilter"];
  for (const key of Object.keys(filter)) {
    if (!allowedKeys.includes(key)) throw invalidParameter(`ResponseFilter has an unknown key ${JSON.stringify(key)}`);
  }
  return {
    baseInfo: parseList(filter, "OfficialAccountBaseInfoFilter", BASE_INFO_FILTER_FIELDS),
    selfInfo: allowSelfInfo ? parseList(filter, "SelfInfoFilter", SELF_INFO_FILTER_FIELDS) : undefined,
  };
}

/** An account's fields as a read returns them, filtered. */
export function projectAccount(account: AccountRecord, subscriberNum: number, fields: FieldSet): Body {
  const all: Record<string, unknown> = {
    CreateTime: account.CreateTime,
    Name: account.Name,
    Owner_Account: account.Owner_Account,
    LastMsgTime: account.LastMsgTime,
    SubscriberNum: subscriberNum,
    Introduction: account.Introduction,
    FaceUrl: account.FaceUrl,
    Organization: account.Organization,
    CustomString: account.CustomString,
  };
  const out: Body = { Official_Account: account.Official_Account };
  for (const name of BASE_INFO_FILTER_FIELDS) if (!fields || fields.has(name)) out[name] = all[name];
  return out;
}

/** The subscriber's own fields (`SelfInfo`), filtered; undefined when the filter asks for none. */
export function projectSelfInfo(sub: Subscription, fields: FieldSet): Body | undefined {
  const out: Body = {};
  if (!fields || fields.has("SubscribeTime")) out.SubscribeTime = sub.time;
  if (!fields || fields.has("CustomString")) out.CustomString = sub.customString;
  return Object.keys(out).length > 0 ? out : undefined;
}
