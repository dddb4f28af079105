/**
 * Field checks shared by the command handlers. Limits come from the shared
 * table in provider/chat/limits.ts so the provider and the emulator reject
 * exactly the same inputs; every message names the field and the limit.
 */
import {
  MAX_SUBSCRIBER_NUM_LIMIT,
  OFFICIAL_ACCOUNT_ID_MAX_BYTES,
  OFFICIAL_ACCOUNT_ID_PREFIX,
  OFFICIAL_ACCOUNT_ID_SUFFIX_PATTERN,
  USER_ID_MAX_BYTES,
  utf8Bytes,
} from "../provider/chat/limits";
import { ChatError, Code, invalidParameter } from "./codes";

export type Body = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** An optional string field, at most `maxBytes` UTF-8 bytes. */
export function optionalString(body: Body, field: string, maxBytes: number): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalidParameter(`${field} must be a string, got ${describe(value)}`);
  const bytes = utf8Bytes(value);
  if (bytes > maxBytes) throw invalidParameter(`${field} is ${bytes} bytes in UTF-8; the limit is ${maxBytes}`);
  return value;
}

/** A required, non-empty string field, at most `maxBytes` UTF-8 bytes. */
export function requiredString(body: Body, field: string, maxBytes: number): string {
  const value = optionalString(body, field, maxBytes);
  if (value === undefined || value === "") throw invalidParameter(`${field} is required`);
  return value;
}

/** A Chat UserID (owner or subscriber): required, 1..32 bytes. */
export function requiredUserId(body: Body, field: string): string {
  return requiredString(body, field, USER_ID_MAX_BYTES);
}

/** The official-account id rules; a wrong type is 6017, a wrong id is 130007. */
export function checkAccountId(value: unknown, field: string): string {
  if (value === undefined || value === "") throw invalidParameter(`${field} is required`);
  if (typeof value !== "string") throw invalidParameter(`${field} must be a string, got ${describe(value)}`);
  const problem = accountIdProblem(value);
  if (problem)
    throw new ChatError(Code.badAccountId, `incorrect official account ID ${JSON.stringify(value)}: ${problem}`);
  return value;
}

/** Why an id is not a valid official-account id, or undefined when it is. */
export function accountIdProblem(id: string): string | undefined {
  if (!id.startsWith(OFFICIAL_ACCOUNT_ID_PREFIX)) return `it must start with ${OFFICIAL_ACCOUNT_ID_PREFIX}`;
  if (utf8Bytes(id) > OFFICIAL_ACCOUNT_ID_MAX_BYTES) return `it must be at most ${OFFICIAL_ACCOUNT_ID_MAX_BYTES} bytes`;
  const suffix = id.slice(OFFICIAL_ACCOUNT_ID_PREFIX.length);
  if (!OFFICIAL_ACCOUNT_ID_SUFFIX_PATTERN.test(suffix)) {
    return `after the prefix it needs at least one of A-Z a-z 0-9 _ - # @ .`;
  }
  return undefined;
}

/** An optional integer field within [min, max]. */
export function optionalInteger(body: Body, field: string, min: number, max: number): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw invalidParameter(`${field} must be an integer, got ${describe(value)}`);
  }
  if (value < min || value > max) throw invalidParameter(`${field} must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function optionalMaxSubscriberNum(body: Body): number | undefined {
  return optionalInteger(body, "MaxSubscriberNum", 1, MAX_SUBSCRIBER_NUM_LIMIT);
}

/** An object field (or absent). */
export function optionalObject(body: Body, field: string): Body | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidParameter(`${field} must be an object, got ${describe(value)}`);
  }
  return value as Body;
}

/** A required array field with between `min` and `max` items. */
export function requiredArray(body: Body, field: string, min: number, max: number): unknown[] {
  const value = body[field];
  if (value === undefined) throw invalidParameter(`${field} is required`);
  if (!Array.isArray(value)) throw invalidParameter(`${field} must be an array, got ${describe(value)}`);
  if (value.length < min) throw invalidParameter(`${field} needs at least ${min} item(s)`);
  if (value.length > max) throw invalidParameter(`${field} has ${value.length} items; the limit is ${max}`);
  return value;
}

/** Each item must be an object; returns them typed. */
export function objectItems(items: unknown[], field: string): Body[] {
  return items.map((item, i) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw invalidParameter(`${field}[${i}] must be an object, got ${describe(item)}`);
    }
    return item as Body;
  });
}
