/**
 * Request and response bodies of the Chat REST API, field for field as the
 * vendor documents them (PascalCase, `Owner_Account`, ...). The account's own
 * fields come from the field table; `CommandWire` pairs each command of the
 * command table with its request and response, so the client's calls and the
 * emulator's handlers are typed by the same map. Only provider/chat and the
 * emulator see these shapes.
 */
import { UserImportCommand, OfficialAccountCommand } from "./commands";
import type { SelfInfoFilterField } from "./limits";
import type { BaseInfoFilterField, ByWireName, IdRow, UpdatableRow, WireRow } from "./official-account-fields";

/** The envelope every response carries. */
export interface ApiEnvelope {
  readonly ActionStatus: "OK" | "FAIL";
  readonly ErrorCode: number;
  readonly ErrorInfo: string;
}

/** Every stored field of an account, as the emulator keeps it and a full read returns it. */
export type AccountWireFields = ByWireName<WireRow>;
/** The profile fields modify_official_account_base_info (and create) may set. */
export type ProfileWireFields = Partial<ByWireName<UpdatableRow>>;

/** create_official_account's body. */
export type CreateOfficialAccountRequest = ProfileWireFields & {
  Owner_Account: string;
  /** create_official_account names the id `OfficialAccountUserID`; every other command says `Official_Account`. */
  OfficialAccountUserID?: string;
  Name: string;
};
/** create_official_account's answer: the id, generated when the request gave none. */
export interface CreateOfficialAccountResponse extends ApiEnvelope {
  readonly OfficialAccountUserID?: string;
}

/** get_official_account_info's body: up to 50 ids and an optional filter. */
export interface GetOfficialAccountInfoRequest {
  OfficialAccountIdList: Array<{ Official_Account: string }>;
  ResponseFilter?: { OfficialAccountBaseInfoFilter?: BaseInfoFilterField[] };
}
/** One account's fields as a read returns them; fields absent when filtered out (MaxSubscriberNum: undocumented). */
export type OfficialAccountBaseInfo = Partial<AccountWireFields>;
/** One item of get_official_account_info's answer: the account's fields, or a code of its own for a bad or unknown id. */
export type OfficialAccountInfoItem = OfficialAccountBaseInfo & { ErrorCode: number; ErrorInfo: string };
/** get_official_account_info's answer: one item per id asked for. */
export interface GetOfficialAccountInfoResponse extends ApiEnvelope {
  readonly OfficialAccountInfoList?: OfficialAccountInfoItem[];
}

/** get_subscribed_official_account_list's body: one subscriber, a page and an optional filter. */
export interface GetSubscribedOfficialAccountListRequest {
  Subscriber_Account: string;
  Limit?: number;
  Offset?: number;
  ResponseFilter?: {
    OfficialAccountBaseInfoFilter?: BaseInfoFilterField[];
    SelfInfoFilter?: SelfInfoFilterField[];
  };
}
/** One account a user subscribes to, with the subscription's own fields in `SelfInfo`. */
export type SubscribedOfficialAccountItem = OfficialAccountBaseInfo & {
  SelfInfo?: { SubscribeTime?: number; CustomString?: string };
};
/** get_subscribed_official_account_list's answer: one page, and where the next one starts. */
export interface GetSubscribedOfficialAccountListResponse extends ApiEnvelope {
  readonly TotalCount?: number;
  readonly OfficialAccountInfoList?: SubscribedOfficialAccountItem[];
  readonly CompleteFlag?: number;
  readonly Next?: number;
}

/** modify_official_account_base_info's body: the id and the profile fields to change. */
type ModifyOfficialAccountBaseInfoRequest = ProfileWireFields & ByWireName<IdRow>;
/** modify_official_account_base_info answers the envelope alone. */
type ModifyOfficialAccountBaseInfoResponse = ApiEnvelope;

/** destroy_official_account's body: the id. */
type DestroyOfficialAccountRequest = ByWireName<IdRow>;
/** destroy_official_account answers the envelope alone. */
type DestroyOfficialAccountResponse = ApiEnvelope;

/** get_subscriber_info's body: one account and a page. */
interface GetSubscriberInfoRequest {
  Official_Account: string;
  Limit?: number;
  /** "" for the first page, then the opaque cursor of the previous answer (the vendor's sample: "TGSOTk="). */
  Next?: string;
}
/** How a subscriber receives the account's messages (a string on the wire, not a number). */
export type MsgFlag = "AcceptAndNotify" | "AcceptNotNotify" | "Discard";
/** One subscriber of an account, as get_subscriber_info lists it. */
export interface SubscriberInfoItem {
  Subscriber_Account: string;
  SubscribeTime?: number;
  CustomString?: string;
  MsgFlag?: MsgFlag;
  LastSendMsgTime?: number;
}
/** get_subscriber_info's answer: one page, the total, and the cursor of the next page (`""` at the end). */
export interface GetSubscriberInfoResponse extends ApiEnvelope {
  readonly Next?: string;
  readonly SubscriberNum?: number;
  readonly SubscriberList?: SubscriberInfoItem[];
}

/** add_subscriber's body. */
interface AddSubscriberRequest {
  Official_Account: string;
  /** At most MAX_SUBSCRIBERS_PER_CALL (100). */
  SubscriberList: Array<{ Subscriber_Account: string; CustomString?: string }>;
}
/**
 * The vendor's sample body: `SubscriberToDel_Account`, a list of UserIDs. The
 * page's field table repeats add's `SubscriberList`, so the emulator takes both.
 */
type DeleteSubscriberRequest =
  | { Official_Account: string; SubscriberToDel_Account: string[] }
  | { Official_Account: string; SubscriberList: Array<{ Subscriber_Account: string }> };

/** Per-user outcome of add_subscriber / delete_subscriber; a 0 is a failure even when ErrorCode is 0. */
export const SubscriberResult = {
  /** The change failed for this user (e.g. the account is full). */
  failed: 0,
  /** Added (add) or removed (delete). */
  done: 1,
  /** Already subscribed (add) or was not subscribed (delete): nothing to do, a success. */
  unchanged: 2,
} as const;
/** A per-user outcome code of {@link SubscriberResult}. */
export type SubscriberResultCode = (typeof SubscriberResult)[keyof typeof SubscriberResult];
/** add_subscriber's and delete_subscriber's answer: one outcome per user. */
export interface SubscriberChangeResponse extends ApiEnvelope {
  readonly SubscriberList?: Array<{ Subscriber_Account: string; Result: SubscriberResultCode }>;
}

/** account_import's body: one UserID. */
interface AccountImportRequest {
  UserID: string;
  Nick?: string;
  FaceUrl?: string;
}
/** account_import answers the envelope alone. */
type AccountImportResponse = ApiEnvelope;
/** multiaccount_import's body: up to 100 UserIDs. */
interface MultiAccountImportRequest {
  Accounts: string[];
}
/** multiaccount_import's answer: the UserIDs it could not import. */
export interface MultiAccountImportResponse extends ApiEnvelope {
  readonly FailAccounts?: string[];
}

/** Request and response of every command in the command table. */
interface CommandWire {
  [OfficialAccountCommand.create]: { request: CreateOfficialAccountRequest; response: CreateOfficialAccountResponse };
  [OfficialAccountCommand.getInfo]: {
    request: GetOfficialAccountInfoRequest;
    response: GetOfficialAccountInfoResponse;
  };
  [OfficialAccountCommand.listSubscribed]: {
    request: GetSubscribedOfficialAccountListRequest;
    response: GetSubscribedOfficialAccountListResponse;
  };
  [OfficialAccountCommand.modify]: {
    request: ModifyOfficialAccountBaseInfoRequest;
    response: ModifyOfficialAccountBaseInfoResponse;
  };
  [OfficialAccountCommand.destroy]: {
    request: DestroyOfficialAccountRequest;
    response: DestroyOfficialAccountResponse;
  };
  [OfficialAccountCommand.getSubscribers]: { request: GetSubscriberInfoRequest; response: GetSubscriberInfoResponse };
  [OfficialAccountCommand.addSubscriber]: { request: AddSubscriberRequest; response: SubscriberChangeResponse };
  [OfficialAccountCommand.deleteSubscriber]: { request: DeleteSubscriberRequest; response: SubscriberChangeResponse };
  [UserImportCommand.importOne]: { request: AccountImportRequest; response: AccountImportResponse };
  [UserImportCommand.importMany]: { request: MultiAccountImportRequest; response: MultiAccountImportResponse };
}
/** The request body of command `C`. */
export type RequestOf<C extends keyof CommandWire> = CommandWire[C]["request"];
/** The response body of command `C`, envelope included. */
export type ResponseOf<C extends keyof CommandWire> = CommandWire[C]["response"];
/** A response without its envelope: what a handler produces and the envelope adapter wraps. */
export type ResultOf<C extends keyof CommandWire> = Omit<ResponseOf<C>, keyof ApiEnvelope>;
