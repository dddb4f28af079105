/**
 * Validates OfficialAccount inputs against everything the Chat API would
 * reject, so `pulumi preview` reports all problems at once, field by field,
 * before any API call. The checks are the field table's rules
 * (chat-api/field-rules.ts, shared with the emulator); values not yet known
 * during preview are skipped.
 */
import {
  byteLimitProblem,
  integerRangeProblem,
  officialAccountIdProblem,
  userIdProblem,
} from "../../../chat-api/field-rules";
import { INPUT_FIELDS, OUTPUT_FIELDS, type FieldSpec } from "../../../chat-api/official-account-fields";

/** One problem with one input: what the engine shows next to the field. */
export interface InputFailure {
  /** The input's name. */
  readonly property: string;
  /** The rule it breaks and how to fix it. */
  readonly reason: string;
}

/** The marker the Pulumi engine sends for values that are unknown during preview. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True for a value the engine does not know yet (preview of a value computed from another resource). */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}

/** Input names users may set, in the field table's order. */
const USER_INPUT_NAMES: readonly string[] = INPUT_FIELDS.map((field) => field.name);

/** Inputs the resource class adds itself, and outputs the engine echoes back. */
const INTERNAL_NAMES = new Set(["idSeed", "__provider", ...OUTPUT_FIELDS.map((field) => field.name)]);

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** The input a misspelt name most likely meant: same letters ignoring case and _ -, or one or two typos away. */
function closestName(name: string): string | undefined {
  const normalize = (text: string) => text.toLowerCase().replace(/[_-]/g, "");
  const wanted = normalize(name);
  const allowed = wanted.length <= 4 ? 1 : 2;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of USER_INPUT_NAMES) {
    const distance = editDistance(wanted, normalize(candidate));
    if (distance <= allowed && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** The `officialAccountUserId` input's problem: the API's id rule, plus the provider's own fix (leave it out). */
function officialAccountIdInputProblem(id: string): string | undefined {
  const problem = officialAccountIdProblem(id);
  return problem && `${problem} Or leave it out to have one generated.`;
}

/** The problem with one present, known value of `field`, or undefined. */
function valueProblem(field: FieldSpec, value: unknown): string | undefined {
  const { name, rule } = field;
  switch (rule.kind) {
    case "boolean":
      return typeof value === "boolean" ? undefined : `${name} must be true or false; got ${describeType(value)}.`;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) {
        return `${name} must be a whole number; got ${describeType(value)}.`;
      }
      return integerRangeProblem(name, value, rule.min, rule.max)?.concat(
        field.default !== undefined ? ` Leave it out for the default of ${String(field.default)}.` : "",
      );
  }
  if (typeof value !== "string") return `${name} must be a string; got ${describeType(value)}.`;
  if (field.required && value.trim() === "") return `${name} must not be empty: ${field.whenMissing}.`;
  switch (rule.kind) {
    case "officialAccountId":
      return officialAccountIdInputProblem(value);
    case "userId":
      return userIdProblem(name, value);
    case "text":
      return byteLimitProblem(name, value, rule.maxBytes);
  }
}

/** Every problem with a set of OfficialAccount inputs, in field order, then unknown names. */
export function validateOfficialAccountInputs(inputs: Record<string, unknown>): InputFailure[] {
  const failures: InputFailure[] = [];
  for (const field of INPUT_FIELDS) {
    const value = inputs[field.name];
    let reason: string | undefined;
    if (value === undefined || value === null) {
      if (field.required) reason = `${field.name} is required: ${field.whenMissing}.`;
    } else if (!isUnknown(value)) {
      reason = valueProblem(field, value);
    }
    if (reason) failures.push({ property: field.name, reason });
  }
  for (const name of Object.keys(inputs)) {
    if (USER_INPUT_NAMES.includes(name) || INTERNAL_NAMES.has(name)) continue;
    const suggestion = closestName(name);
    failures.push({
      property: name,
      reason:
        `${name} is not an OfficialAccount input` +
        (suggestion ? `; did you mean ${suggestion}?` : `; the inputs are ${USER_INPUT_NAMES.join(", ")}.`),
    });
  }
  return failures;
}
