/**
 * The client's domain types: official accounts in camelCase, as methods take
 * and return them. The account shapes are derived from the field table
 * (chat-api/official-account-fields.ts), where each field is documented, so
 * a new field appears here without an edit.
 */
import type {
  BaseInfoFilterField,
  ByName,
  IdRow,
  InputRow,
  OfficialAccountField,
  UpdatableRow,
  WireRow,
} from "../../chat-api/official-account-fields";
import type { SelfInfoFilterField } from "../../chat-api/limits";
import type { MsgFlag } from "../../chat-api/wire-types";

/** The writable profile of an official account: every updatable field, each optional. */
export type OfficialAccountProfile = Readonly<Partial<ByName<UpdatableRow>>>;

/** What create_official_account needs: the required fields, and any other stored input. */
export type NewOfficialAccount = Readonly<
  Partial<ByName<Extract<InputRow, WireRow>>> & ByName<Extract<OfficialAccountField, { readonly required: true }>>
>;

/**
 * An official account as get_official_account_info reports it: the id, and
 * every other stored field when the answer carried it (absent when filtered
 * out, or, for fields outside the documented read such as maxSubscriberNum,
 * when the service does not return them).
 */
export type OfficialAccountInfo = Readonly<ByName<IdRow> & Partial<ByName<Exclude<WireRow, IdRow>>>>;

/** An account a user subscribes to, with that user's own subscription fields. */
export type SubscribedOfficialAccount = OfficialAccountInfo & {
  /** Unix seconds when the user subscribed. */
  readonly subscribeTime?: number;
  /** The subscription's own custom string (not the account's). */
  readonly selfCustomString?: string;
};

/** One subscriber of an official account. */
export interface Subscriber {
  /** The subscriber's UserID. */
  readonly subscriberAccount: string;
  /** Unix seconds when the user subscribed. */
  readonly subscribeTime?: number;
  /** The subscription's custom string. */
  readonly customString?: string;
  /** How the subscriber receives messages: "AcceptAndNotify", "AcceptNotNotify" or "Discard". */
  readonly msgFlag?: MsgFlag;
  /** Unix seconds of the last message sent to this subscriber; 0 when none. */
  readonly lastSendMsgTime?: number;
}

/** What create_official_account answered. */
export interface CreateResult {
  /** The id of the account (the requested one, or the one the API generated). */
  readonly officialAccountUserId: string;
  /**
   * True when an earlier attempt of this create lost its answer (dropped
   * connection, timeout, 502) and the retry found the id taken (130008):
   * the account most likely exists because of this create. The caller should
   * check owner and name before adopting it.
   */
  readonly maybeCreatedByEarlierAttempt: boolean;
}

/** Options of one page of get_subscribed_official_account_list. */
export interface ListSubscribedOptions {
  /** Page size, 1..200; default 200. */
  readonly limit?: number;
  /** Start position; default 0. */
  readonly offset?: number;
  /** Account fields to return (wire names, e.g. "Name"); default all. */
  readonly fields?: readonly BaseInfoFilterField[];
  /** Subscription fields to return; default all. */
  readonly selfFields?: readonly SelfInfoFilterField[];
}

/** One page of the accounts a user subscribes to. */
export interface SubscribedPage {
  /** The accounts on this page. */
  readonly accounts: readonly SubscribedOfficialAccount[];
  /** How many accounts the user subscribes to in all. */
  readonly totalCount: number;
  /** True on the last page. */
  readonly complete: boolean;
  /** The offset of the next page (0 when complete). */
  readonly next: number;
}

/** Options of one page of get_subscriber_info. */
export interface GetSubscribersOptions {
  /** Page size, 1..200; default 200. */
  readonly limit?: number;
  /** The opaque cursor from the previous page; "" or absent for the first page. */
  readonly next?: string;
}

/** One page of an account's subscribers. */
export interface SubscribersPage {
  /** The subscribers on this page. */
  readonly subscribers: readonly Subscriber[];
  /** How many subscribers the account has in all. */
  readonly subscriberNum: number;
  /** The opaque cursor for the next page; "" when this was the last. */
  readonly next: string;
}
