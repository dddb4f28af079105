/**
 * Validates OfficialAccount inputs against everything the Chat API would
 * reject, so `pulumi preview` reports all problems at once, field by field,
 * before any API call. Values not yet known during preview are skipped.
 */
import {
  FIELD_BYTE_LIMITS,
  MAX_SUBSCRIBER_NUM_LIMIT,
  OFFICIAL_ACCOUNT_ID_MAX_BYTES,
  OFFICIAL_ACCOUNT_ID_PREFIX,
  OFFICIAL_ACCOUNT_ID_SUFFIX_PATTERN,
  USER_ID_MAX_BYTES,
  utf8Bytes,
} from "./chat/limits";

/** One problem with one input: what the engine shows next to the field. */
export interface InputFailure {
  readonly property: string;
  readonly reason: string;
}

/** The marker the Pulumi engine sends for values that are unknown during preview. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}

/** Input names users may set, with the API limit each one maps to. */
const PROFILE_STRING_FIELDS = {
  name: FIELD_BYTE_LIMITS.Name,
  introduction: FIELD_BYTE_LIMITS.Introduction,
  faceUrl: FIELD_BYTE_LIMITS.FaceUrl,
  organization: FIELD_BYTE_LIMITS.Organization,
  customString: FIELD_BYTE_LIMITS.CustomString,
} as const;

export const USER_INPUT_NAMES = [
  "ownerAccount",
  "name",
  "introduction",
  "faceUrl",
  "organization",
  "customString",
  "maxSubscriberNum",
  "officialAccountUserId",
  "adopt",
] as const;

/** Inputs the resource class adds itself, and outputs the engine echoes back. */
const INTERNAL_NAMES = new Set(["idSeed", "createTime", "lastMsgTime", "subscriberNum", "__provider"]);

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

function checkString(
  failures: InputFailure[],
  property: string,
  value: unknown,
  options: { required: boolean; maxBytes: number; fix: string },
): void {
  if (value === undefined || value === null) {
    if (options.required) {
      failures.push({ property, reason: `${property} is required: ${options.fix}.` });
    }
    return;
  }
  if (isUnknown(value)) return;
  if (typeof value !== "string") {
    failures.push({ property, reason: `${property} must be a string; got ${describeType(value)}.` });
    return;
  }
  if (options.required && value.trim() === "") {
    failures.push({ property, reason: `${property} must not be empty: ${options.fix}.` });
    return;
  }
  const bytes = utf8Bytes(value);
  if (bytes > options.maxBytes) {
    failures.push({
      property,
      reason:
        `${property} must be at most ${options.maxBytes} bytes of UTF-8 (a Chinese character counts 3 bytes); ` +
        `got ${bytes} bytes (${[...value].length} characters). Shorten it.`,
    });
  }
}

/** Checks an official-account id; returns a reason or undefined when valid. */
export function officialAccountIdProblem(id: string): string | undefined {
  if (!id.startsWith(OFFICIAL_ACCOUNT_ID_PREFIX)) {
    return (
      `officialAccountUserId must start with "${OFFICIAL_ACCOUNT_ID_PREFIX}" (the API answers 130007 otherwise); ` +
      `got "${id}". Use "${OFFICIAL_ACCOUNT_ID_PREFIX}${id.replace(/^@?TOA#_?/i, "")}" or leave it out to have one generated.`
    );
  }
  const suffix = id.slice(OFFICIAL_ACCOUNT_ID_PREFIX.length);
  if (suffix === "") {
    return `officialAccountUserId needs at least one character after "${OFFICIAL_ACCOUNT_ID_PREFIX}".`;
  }
  if (!OFFICIAL_ACCOUNT_ID_SUFFIX_PATTERN.test(suffix)) {
    return (
      `officialAccountUserId may contain only letters, digits and _ - # @ . after "${OFFICIAL_ACCOUNT_ID_PREFIX}"; ` +
      `got "${id}".`
    );
  }
  const bytes = utf8Bytes(id);
  if (bytes > OFFICIAL_ACCOUNT_ID_MAX_BYTES) {
    return `officialAccountUserId must be at most ${OFFICIAL_ACCOUNT_ID_MAX_BYTES} bytes including the prefix; got ${bytes} bytes.`;
  }
  return undefined;
}

/** Every problem with a set of OfficialAccount inputs, in field order. */
export function validateOfficialAccountInputs(inputs: Record<string, unknown>): InputFailure[] {
  const failures: InputFailure[] = [];

  checkString(failures, "ownerAccount", inputs.ownerAccount, {
    required: true,
    maxBytes: USER_ID_MAX_BYTES,
    fix: "set it to the UserID of an imported Chat account that will own the official account",
  });
  for (const [property, maxBytes] of Object.entries(PROFILE_STRING_FIELDS)) {
    checkString(failures, property, inputs[property], {
      required: property === "name",
      maxBytes,
      fix: "give the official account a display name",
    });
  }

  const max = inputs.maxSubscriberNum;
  if (max !== undefined && max !== null && !isUnknown(max)) {
    if (typeof max !== "number" || !Number.isInteger(max)) {
      failures.push({
        property: "maxSubscriberNum",
        reason: `maxSubscriberNum must be a whole number; got ${describeType(max)}.`,
      });
    } else if (max < 1 || max > MAX_SUBSCRIBER_NUM_LIMIT) {
      failures.push({
        property: "maxSubscriberNum",
        reason: `maxSubscriberNum must be between 1 and ${MAX_SUBSCRIBER_NUM_LIMIT}; got ${max}. Leave it out for the default of 100000.`,
      });
    }
  }

  const id = inputs.officialAccountUserId;
  if (id !== undefined && id !== null && !isUnknown(id)) {
    if (typeof id !== "string") {
      failures.push({
        property: "officialAccountUserId",
        reason: `officialAccountUserId must be a string; got ${describeType(id)}.`,
      });
    } else {
      const problem = officialAccountIdProblem(id);
      if (problem) failures.push({ property: "officialAccountUserId", reason: problem });
    }
  }

  const adopt = inputs.adopt;
  if (adopt !== undefined && adopt !== null && !isUnknown(adopt) && typeof adopt !== "boolean") {
    failures.push({ property: "adopt", reason: `adopt must be true or false; got ${describeType(adopt)}.` });
  }

  for (const name of Object.keys(inputs)) {
    if ((USER_INPUT_NAMES as readonly string[]).includes(name) || INTERNAL_NAMES.has(name)) continue;
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
