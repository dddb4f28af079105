/**
 * Request and response bodies of the Chat REST API, field for field as the
 * vendor documents them (PascalCase, `Owner_Account`, ...). Only the
 * provider/chat layer and the emulator see these shapes.
 */
import type { BaseInfoFilterField, SelfInfoFilterField } from "./limits";

/** The envelope every response carries. */
export interface ApiEnvelope {
  ActionStatus: "OK" | "FAIL";
  ErrorCode: number;
  ErrorInfo: string;
}

export interface CreateOfficialAccountRequest {
  Owner_Account: string;
  OfficialAccountUserID?: string;
  Name: string;
  Introduction?: string;
  FaceUrl?: string;
  Organization?: string;
  CustomString?: string;
  MaxSubscriberNum?: number;
}
export interface CreateOfficialAccountResponse extends ApiEnvelope {
  OfficialAccountUserID?: string;
}

export interface GetOfficialAccountInfoRequest {
  OfficialAccountIdList: Array<{ Official_Account: string }>;
  ResponseFilter?: { OfficialAccountBaseInfoFilter?: BaseInfoFilterField[] };
}
/** One account's profile as get_official_account_info returns it; fields absent when filtered out. */
export interface OfficialAccountBaseInfo {
  Official_Account?: string;
  Name?: string;
  Owner_Account?: string;
  CreateTime?: number;
  LastMsgTime?: number;
  SubscriberNum?: number;
  Introduction?: string;
  FaceUrl?: string;
  Organization?: string;
  CustomString?: string;
  /** Not in the documented filter list: the live API may omit it. */
  MaxSubscriberNum?: number;
}
export interface OfficialAccountInfoItem extends OfficialAccountBaseInfo {
  ErrorCode: number;
  ErrorInfo: string;
}
export interface GetOfficialAccountInfoResponse extends ApiEnvelope {
  OfficialAccountInfoList?: OfficialAccountInfoItem[];
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
export interface SubscribedOfficialAccountItem extends OfficialAccountBaseInfo {
  SelfInfo?: { SubscribeTime?: number; CustomString?: string };
}
export interface GetSubscribedOfficialAccountListResponse extends ApiEnvelope {
  TotalCount?: number;
  OfficialAccountInfoList?: SubscribedOfficialAccountItem[];
  CompleteFlag?: number;
  Next?: number;
}

export interface ModifyOfficialAccountBaseInfoRequest {
  Official_Account: string;
  Name?: string;
  Introduction?: string;
  FaceUrl?: string;
  Organization?: string;
  CustomString?: string;
  MaxSubscriberNum?: number;
}
export type ModifyOfficialAccountBaseInfoResponse = ApiEnvelope;

export interface DestroyOfficialAccountRequest {
  Official_Account: string;
}
export type DestroyOfficialAccountResponse = ApiEnvelope;

export interface GetSubscriberInfoRequest {
  Official_Account: string;
  Limit?: number;
  Next?: string;
}
export interface SubscriberInfoItem {
  Subscriber_Account: string;
  SubscribeTime?: number;
  CustomString?: string;
  MsgFlag?: number;
  LastSendMsgTime?: number;
}
export interface GetSubscriberInfoResponse extends ApiEnvelope {
  Next?: string;
  SubscriberNum?: number;
  SubscriberList?: SubscriberInfoItem[];
}

export interface SubscriberListRequest {
  Official_Account: string;
  SubscriberList: Array<{ Subscriber_Account: string; CustomString?: string }>;
}
export interface SubscriberListResponse extends ApiEnvelope {
  /** Per-subscriber failures, when some but not all succeeded. */
  ErrorList?: Array<{ Subscriber_Account: string; ErrorCode: number; ErrorInfo?: string }>;
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
  FailAccounts?: string[];
}
