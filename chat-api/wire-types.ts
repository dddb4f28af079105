/**
 * Request and response bodies of the Chat REST API, field for field as the
 * vendor documents them (PascalCase, `Owner_Account`, ...). The account's own
 * fields come from the field table; `CommandWire` pairs each command of the
 * command table with its request and response, so the client's calls and the
 * emulator's handlers are typed by the same map. Only provider/chat and the
 * emulator see these shapes.
 */
import { AccountCommand, OfficialAccountCommand } from "./commands";
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

export type CreateOfficialAccountRequest = ProfileWireFields & {
  Owner_Account: string;
  /** create_official_account names the id `OfficialAccountUserID`; every other command says `Official_Account`. */
  OfficialAccountUserID?: string;
  Name: string;
};
export interface CreateOfficialAccountResponse extends ApiEnvelope {
  readonly OfficialAccountUserID?: string;
}

export interface GetOfficialAccountInfoRequest {
  OfficialAccountIdList: Array<{ Official_Account: string }>;
  ResponseFilter?: { OfficialAccountBaseInfoFilter?: BaseInfoFilterField[] };
}
/** One account's fields as a read returns them; fields absent when filtered out (MaxSubscriberNum: undocumented). */
export type OfficialAccountBaseInfo = Partial<AccountWireFields>;
export type OfficialAccountInfoItem = OfficialAccountBaseInfo & { ErrorCode: number; ErrorInfo: string };
export interface GetOfficialAccountInfoResponse extends ApiEnvelope {
  readonly OfficialAccountInfoList?: OfficialAccountInfoItem[];
}

export interface GetSubscribedOfficialAccountListRequest {
  Subscriber_Account: string;
  Limit?: number;
  Offset?: number;
  ResponseFilter?: {
    OfficialAccountBaseInfoFilter?: BaseInfoFilterField[];
    SelfInfoFilter?: SelfInfoFilterField[];
  };
}
export type SubscribedOfficialAccountItem = OfficialAccountBaseInfo & {
  SelfInfo?: { SubscribeTime?: number; CustomString?: string };
};
export interface GetSubscribedOfficialAccountListResponse extends ApiEnvelope {
  readonly TotalCount?: number;
  readonly OfficialAccountInfoList?: SubscribedOfficialAccountItem[];
  readonly CompleteFlag?: number;
  readonly Next?: number;
}

export type ModifyOfficialAccountBaseInfoRequest = ProfileWireFields & ByWireName<IdRow>;
export type ModifyOfficialAccountBaseInfoResponse = ApiEnvelope;

export type DestroyOfficialAccountRequest = ByWireName<IdRow>;
export type DestroyOfficialAccountResponse = ApiEnvelope;

export interface GetSubscriberInfoRequest {
  Official_Account: string;
  Limit?: number;
  /** "" for the first page, then the opaque cursor of the previous answer (the vendor's sample: "TGSOTk="). */
  Next?: string;
}
/** How a subscriber receives the account's messages (a string on the wire, not a number). */
export type MsgFlag = "AcceptAndNotify" | "AcceptNotNotify" | "Discard";
export interface SubscriberInfoItem {
  Subscriber_Account: string;
  SubscribeTime?: number;
  CustomString?: string;
  MsgFlag?: MsgFlag;
  LastSendMsgTime?: number;
}
export interface GetSubscriberInfoResponse extends ApiEnvelope {
  readonly Next?: string;
  readonly SubscriberNum?: number;
  readonly SubscriberList?: SubscriberInfoItem[];
}

export interface AddSubscriberRequest {
  Official_Account: string;
  /** At most MAX_SUBSCRIBERS_PER_CALL (100). */
  SubscriberList: Array<{ Subscriber_Account: string; CustomString?: string }>;
}
/**
 * The vendor's sample body: `SubscriberToDel_Account`, a list of UserIDs. The
 * page's field table repeats add's `SubscriberList`, so the emulator takes both.
 */
export type DeleteSubscriberRequest =
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
export type SubscriberResultCode = (typeof SubscriberResult)[keyof typeof SubscriberResult];
export interface SubscriberChangeResponse extends ApiEnvelope {
  readonly SubscriberList?: Array<{ Subscriber_Account: string; Result: SubscriberResultCode }>;
}

export interface AccountImportRequest {
  UserID: string;
  Nick?: string;
  FaceUrl?: string;
}
export type AccountImportResponse = ApiEnvelope;
export interface MultiAccountImportRequest {
  Accounts: string[];
}
export interface MultiAccountImportResponse extends ApiEnvelope {
  readonly FailAccounts?: string[];
}

/** Request and response of every command in the command table. */
export interface CommandWire {
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
  [AccountCommand.importOne]: { request: AccountImportRequest; response: AccountImportResponse };
  [AccountCommand.importMany]: { request: MultiAccountImportRequest; response: MultiAccountImportResponse };
}
export type RequestOf<C extends keyof CommandWire> = CommandWire[C]["request"];
export type ResponseOf<C extends keyof CommandWire> = CommandWire[C]["response"];
/** A response without its envelope: what a handler produces and the envelope adapter wraps. */
export type ResultOf<C extends keyof CommandWire> = Omit<ResponseOf<C>, keyof ApiEnvelope>;
