/**
 * The documented limits of the official-account commands that are not about
 * one field (those live in the field table): ids per read, page sizes,
 * subscribers per call, the rate limit, the documented read filters.
 * Byte limits count UTF-8 bytes (one Chinese character is 3 bytes).
 */

/** Ids per get_official_account_info call. */
export const MAX_IDS_PER_INFO_CALL = 50;
/** Page size of the two pagers (get_subscribed_official_account_list, get_subscriber_info). */
export const MAX_LIMIT_PER_PAGE = 200;
/** Page size when a request leaves `Limit` out. */
export const DEFAULT_LIMIT_PER_PAGE = 200;
/** Subscribers per add_subscriber call (vendor page 60760). */
export const MAX_SUBSCRIBERS_PER_CALL = 100;
/** A subscription's own CustomString (add_subscriber), as long as the account's. */
export const SUBSCRIPTION_CUSTOM_STRING_MAX_BYTES = 3000;
/** UserIDs per multiaccount_import call. */
export const MAX_USERS_PER_IMPORT = 100;

/** Documented per-command rate limit (calls per second per app). */
export const DOCUMENTED_CALLS_PER_SECOND = 200;

/** Field names accepted in `ResponseFilter.SelfInfoFilter`. */
export const SELF_INFO_FILTER_FIELDS = ["SubscribeTime", "CustomString"] as const;
/** A field name accepted in `ResponseFilter.SelfInfoFilter`. */
export type SelfInfoFilterField = (typeof SELF_INFO_FILTER_FIELDS)[number];

/** UTF-8 byte length, the unit every byte limit is measured in. */
export function utf8Bytes(value: string): number {
  return Buffer.byteLength(value, "utf8");
}
