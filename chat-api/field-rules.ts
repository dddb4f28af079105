/**
 * The value rules of official-account fields, written once: the provider's
 * `check` and the emulator's command validation both call these, so they
 * reject exactly the same values with the same words. Each function returns
 * a sentence naming the field, the rule and what was found, or undefined when
 * the value is fine. Byte limits count UTF-8 bytes.
 */
import { utf8Bytes } from "./limits";
import {
  OFFICIAL_ACCOUNT_ID_MAX_BYTES,
  OFFICIAL_ACCOUNT_ID_PREFIX,
  OFFICIAL_ACCOUNT_ID_SUFFIX_PATTERN,
  USER_ID_MAX_BYTES,
  USER_ID_PATTERN,
} from "./official-account-fields";

/** `field must be at most N bytes ...` when `value` is longer, else undefined. */
export function byteLimitProblem(field: string, value: string, maxBytes: number): string | undefined {
  const bytes = utf8Bytes(value);
  if (bytes <= maxBytes) return undefined;
  return (
    `${field} must be at most ${maxBytes} bytes of UTF-8 (a Chinese character counts 3 bytes); ` +
    `got ${bytes} bytes (${[...value].length} characters). Shorten it.`
  );
}

/**
 * The official-account id rule the vendor documents: the `@TOA#_` prefix, and nothing more. The
 * provider's `check` enforces only this before the call; the service answers the rest (130007).
 */
export function officialAccountIdProblem(id: string, field = "officialAccountUserId"): string | undefined {
  if (id.startsWith(OFFICIAL_ACCOUNT_ID_PREFIX)) return undefined;
  return (
    `${field} must start with "${OFFICIAL_ACCOUNT_ID_PREFIX}" (the API answers 130007 otherwise); got "${id}". ` +
    `Use "${OFFICIAL_ACCOUNT_ID_PREFIX}${id.replace(/^@?TOA#_?/i, "")}".`
  );
}

/**
 * The emulator's guess at the rest of the id rule, which the vendor does not document: at least one
 * character after the prefix, only letters, digits and `_ - # @ .`, at most 48 bytes in all. The
 * emulator must answer something; the provider never refuses an id on these grounds (docs/emulator.md
 * lists it among the emulator's guesses).
 */
export function officialAccountIdGuessProblem(id: string, field = "officialAccountUserId"): string | undefined {
  const documented = officialAccountIdProblem(id, field);
  if (documented) return documented;
  const suffix = id.slice(OFFICIAL_ACCOUNT_ID_PREFIX.length);
  if (suffix === "") return `${field} needs at least one character after "${OFFICIAL_ACCOUNT_ID_PREFIX}".`;
  if (!OFFICIAL_ACCOUNT_ID_SUFFIX_PATTERN.test(suffix)) {
    return `${field} may contain only letters, digits and _ - # @ . after "${OFFICIAL_ACCOUNT_ID_PREFIX}"; got "${id}".`;
  }
  const bytes = utf8Bytes(id);
  if (bytes > OFFICIAL_ACCOUNT_ID_MAX_BYTES) {
    return `${field} must be at most ${OFFICIAL_ACCOUNT_ID_MAX_BYTES} bytes including the prefix; got ${bytes} bytes.`;
  }
  return undefined;
}

/**
 * The one Chat UserID rule (owners, subscribers, imported accounts): at most
 * 32 bytes of printable ASCII. Emptiness is the caller's (a required field
 * says how to fill it in).
 */
export function userIdProblem(field: string, value: string): string | undefined {
  const tooLong = byteLimitProblem(field, value, USER_ID_MAX_BYTES);
  if (tooLong) return tooLong;
  if (value === "" || USER_ID_PATTERN.test(value)) return undefined;
  const offending = [...value].find((char) => !USER_ID_PATTERN.test(char)) ?? "";
  const code = offending.codePointAt(0) ?? 0;
  return (
    `${field} must be a Chat UserID: printable ASCII only (0x20 to 0x7e); got ${JSON.stringify(value)}, ` +
    `which contains ${JSON.stringify(offending)} (U+${code.toString(16).toUpperCase().padStart(4, "0")}). ` +
    `Use the UserID exactly as it was imported into Chat.`
  );
}

/** `field must be between min and max` when an integer is out of range, else undefined. */
export function integerRangeProblem(field: string, value: number, min: number, max: number): string | undefined {
  return value < min || value > max ? `${field} must be between ${min} and ${max}; got ${value}.` : undefined;
}
