/**
 * The documented limits of official-account fields, shared by the provider's
 * input validation and the emulator, so both reject exactly the same inputs.
 * Byte limits count UTF-8 bytes (one Chinese character is 3 bytes).
 */
export const OFFICIAL_ACCOUNT_ID_PREFIX = "@TOA#_";

export const FIELD_BYTE_LIMITS = {
  Name: 150,
  Introduction: 400,
  FaceUrl: 500,
  Organization: 500,
  CustomString: 3000,
} as const;
export type LimitedField = keyof typeof FIELD_BYTE_LIMITS;

/**
 * The official-account id: the prefix plus at most this many bytes.
 * The vendor documents only the prefix; 48 bytes in all matches the other
 * Chat account ids (UserID <= 32 bytes + prefix) with room to spare.
 */
export const OFFICIAL_ACCOUNT_ID_MAX_BYTES = 48;
/** Characters allowed after the prefix (the vendor's samples use letters, digits, `_`, `-`, `#`, `@`). */
export const OFFICIAL_ACCOUNT_ID_SUFFIX_PATTERN = /^[A-Za-z0-9_\-#@.]+$/;

/** Chat UserIDs (owner and subscriber accounts): 1..32 bytes. */
export const USER_ID_MAX_BYTES = 32;

export const DEFAULT_MAX_SUBSCRIBER_NUM = 100000;
/** MaxSubscriberNum is a positive integer; the vendor's plans stop well below 2^31. */
export const MAX_SUBSCRIBER_NUM_LIMIT = 2147483647;

export const MAX_IDS_PER_INFO_CALL = 50;
export const MAX_LIMIT_PER_PAGE = 200;
export const DEFAULT_LIMIT_PER_PAGE = 200;

/** Documented per-command rate limit (calls per second per app). */
export const DOCUMENTED_CALLS_PER_SECOND = 200;

/** Field names accepted in `ResponseFilter.OfficialAccountBaseInfoFilter`. */
export const BASE_INFO_FILTER_FIELDS = [
  "CreateTime",
  "Name",
  "Owner_Account",
  "LastMsgTime",
  "SubscriberNum",
  "Introduction",
  "FaceUrl",
  "Organization",
  "CustomString",
] as const;
export type BaseInfoFilterField = (typeof BASE_INFO_FILTER_FIELDS)[number];

/** Field names accepted in `ResponseFilter.SelfInfoFilter`. */
export const SELF_INFO_FILTER_FIELDS = ["SubscribeTime", "CustomString"] as const;
export type SelfInfoFilterField = (typeof SELF_INFO_FILTER_FIELDS)[number];

/** UTF-8 byte length, the unit every limit above is measured in. */
export function utf8Bytes(value: string): number {
  return Buffer.byteLength(value, "utf8");
}
