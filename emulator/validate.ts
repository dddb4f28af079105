/**
 * Field checks shared by the command handlers. Account fields are checked by
 * the field table's rules (chat-api/field-rules.ts), the same functions the
 * provider's `check` calls, so both reject exactly the same values; every
 * message names the field and the limit.
 */
import {
  byteLimitProblem,
  integerRangeProblem,
  officialAccountIdGuessProblem,
  userIdProblem,
} from "../chat-api/field-rules";
import { ErrorCode } from "../chat-api/error-codes";
import type { FieldSpec } from "../chat-api/official-account-fields";
import { CommandFailure, invalidParameter } from "./failure";

/** A parsed JSON object: a request body, or an object inside one. */
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
  const problem = byteLimitProblem(field, value, maxBytes);
  if (problem) throw invalidParameter(problem);
  return value;
}

/** A required, non-empty string field, at most `maxBytes` UTF-8 bytes. */
function requiredString(body: Body, field: string, maxBytes: number): string {
  const value = optionalString(body, field, maxBytes);
  if (value === undefined || value === "") throw invalidParameter(`${field} is required`);
  return value;
}

/** A Chat UserID (owner or subscriber): required, printable ASCII, 1..32 bytes. */
export function requiredUserId(body: Body, field: string): string {
  const value = body[field];
  if (value === undefined || value === "") throw invalidParameter(`${field} is required`);
  if (typeof value !== "string") throw invalidParameter(`${field} must be a string, got ${describe(value)}`);
  const problem = userIdProblem(field, value);
  if (problem) throw invalidParameter(problem);
  return value;
}

/** The official-account id rule; a wrong type is 6017, a wrong id is 130007. */
export function checkAccountId(value: unknown, field: string): string {
  if (value === undefined || value === "") throw invalidParameter(`${field} is required`);
  if (typeof value !== "string") throw invalidParameter(`${field} must be a string, got ${describe(value)}`);
  const problem = officialAccountIdGuessProblem(value, field);
  if (problem) throw new CommandFailure(ErrorCode.badAccountId, `incorrect official account ID: ${problem}`);
  return value;
}

/** An optional integer field within [min, max]. */
export function optionalInteger(body: Body, field: string, min: number, max: number): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw invalidParameter(`${field} must be an integer, got ${describe(value)}`);
  }
  const problem = integerRangeProblem(field, value, min, max);
  if (problem) throw invalidParameter(problem);
  return value;
}

/**
 * The account fields of `fields` in a request body, checked by each row's
 * rule and keyed by wire name. Absent fields are left out, except required
 * ones when `requireRequired` (create): those must be there and not empty.
 */
export function accountFields(body: Body, fields: readonly FieldSpec[], requireRequired: boolean): Body {
  const out: Body = {};
  for (const field of fields) {
    const name = field.wireName!;
    const required = field.required && requireRequired;
    if (body[name] === undefined && !required) continue;
    const { rule } = field;
    if (rule.kind === "text") {
      out[name] = field.required
        ? requiredString(body, name, rule.maxBytes)
        : optionalString(body, name, rule.maxBytes);
    } else if (rule.kind === "userId") {
      out[name] = requiredUserId(body, name);
    } else if (rule.kind === "integer") {
      out[name] = optionalInteger(body, name, rule.min, rule.max);
    } else if (rule.kind === "officialAccountId") {
      out[name] = checkAccountId(body[name], name);
    }
  }
  return out;
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
  if (value.length > max) throw invalidParameter(`${field} has ${value.length} items; the limit is ${max} per call`);
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
