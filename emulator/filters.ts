/**
 * ResponseFilter: which fields a read returns. An absent filter list means
 * every documented field; a list returns only the names in it
 * (Official_Account always). Which fields are documented comes from the
 * field table.
 */
import { SELF_INFO_FILTER_FIELDS } from "../chat-api/limits";
import { BASE_INFO_FILTER_FIELDS, WIRE_FIELDS } from "../chat-api/official-account-fields";
import type { OfficialAccountBaseInfo } from "../chat-api/wire-types";
import { invalidParameter } from "./failure";
import type { AccountSnapshot, Subscription } from "./state";
import { optionalObject, type Body } from "./validate";

/** The field names a filter list asks for; undefined when the request has no such list (every field). */
type FieldSet = ReadonlySet<string> | undefined;

/** A request's `ResponseFilter`, list by list. */
interface ParsedFilter {
  /** `OfficialAccountBaseInfoFilter`: the account's fields. */
  readonly baseInfo: FieldSet;
  /** `SelfInfoFilter`: the subscription's own fields. */
  readonly selfInfo: FieldSet;
}

/** Stored fields the documented read leaves out (MaxSubscriberNum): returned only when asked to. */
const UNDOCUMENTED_READ_FIELDS = WIRE_FIELDS.filter((field) => field.absentFromDocumentedRead).map(
  (field) => field.wireName,
);

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

/**
 * An account's fields as a read returns them, filtered. Fields outside the
 * documented read are added only with `withUndocumented` and no filter list.
 */
export function projectAccount(
  account: AccountSnapshot,
  fields: FieldSet,
  withUndocumented = false,
): OfficialAccountBaseInfo {
  const all: Readonly<Record<string, unknown>> = account;
  const names: string[] = [...BASE_INFO_FILTER_FIELDS.filter((name) => !fields || fields.has(name))];
  if (withUndocumented && !fields) names.push(...UNDOCUMENTED_READ_FIELDS);
  return Object.fromEntries([
    ["Official_Account", account.Official_Account],
    ...names.map((name) => [name, all[name]]),
  ]) as OfficialAccountBaseInfo;
}

/** The subscriber's own fields (`SelfInfo`), filtered; undefined when the filter asks for none. */
export function projectSelfInfo(sub: Subscription, fields: FieldSet): Body | undefined {
  const out: Body = {};
  if (!fields || fields.has("SubscribeTime")) out.SubscribeTime = sub.time;
  if (!fields || fields.has("CustomString")) out.CustomString = sub.customString;
  return Object.keys(out).length > 0 ? out : undefined;
}
