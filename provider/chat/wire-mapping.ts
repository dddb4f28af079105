/**
 * The one mapping between the client's camelCase domain types and the API's
 * wire fields, both ways. Account fields are mapped by the field table, so
 * nothing here names a profile field.
 */
import {
  ACCOUNT_INPUT_FIELDS,
  ID_FIELD,
  UPDATABLE_FIELDS,
  WIRE_FIELDS,
  type FieldSpec,
} from "../../chat-api/official-account-fields";
import type {
  CreateOfficialAccountRequest,
  MsgFlag,
  OfficialAccountBaseInfo,
  ProfileWireFields,
  SubscribedOfficialAccountItem,
  SubscriberInfoItem,
} from "../../chat-api/wire-types";
import type {
  NewOfficialAccount,
  OfficialAccountInfo,
  OfficialAccountProfile,
  SubscribedOfficialAccount,
  Subscriber,
} from "./account-types";

/** create_official_account's own name for the id (every other command says Official_Account). */
const CREATE_ID_WIRE_NAME = "OfficialAccountUserID";
const MSG_FLAGS: readonly MsgFlag[] = ["AcceptAndNotify", "AcceptNotNotify", "Discard"];

/** A number from the wire, tolerating numeric strings; undefined when absent or not a number. */
export function num(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** A string from the wire; undefined when absent. */
export function str(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function valueFromWire(field: FieldSpec, value: unknown): string | number | boolean | undefined {
  return field.type === "string" ? str(value) : num(value);
}

/** Copies the fields of `fields` that `source` has (under `from`) to a new object (under `to`). */
function copyFields(
  fields: readonly FieldSpec[],
  source: Readonly<Record<string, unknown>>,
  from: (field: FieldSpec) => string,
  to: (field: FieldSpec) => string,
  convert: (field: FieldSpec, value: unknown) => unknown = (_field, value) => value,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = convert(field, source[from(field)]);
    if (value !== undefined) out[to(field)] = value;
  }
  return out;
}

const byName = (field: FieldSpec) => field.name;
const byWireName = (field: FieldSpec) => field.wireName!;

/** The wire fields of a profile; absent fields stay absent (they are not changed). */
export function profileToWire(profile: OfficialAccountProfile): ProfileWireFields {
  return copyFields(UPDATABLE_FIELDS, profile, byName, byWireName) as ProfileWireFields;
}

/** The create_official_account body; an empty id is left out so the API generates one. */
export function newAccountToWire(account: NewOfficialAccount): CreateOfficialAccountRequest {
  const fields = ACCOUNT_INPUT_FIELDS.filter((field) => field !== ID_FIELD || account.officialAccountUserId);
  const wireName = (field: FieldSpec) => (field === ID_FIELD ? CREATE_ID_WIRE_NAME : field.wireName!);
  return copyFields(fields, account, byName, wireName) as CreateOfficialAccountRequest;
}

/** An account's wire fields as the domain type; fields the API left out stay undefined. */
export function infoFromWire(item: OfficialAccountBaseInfo, fallbackId?: string): OfficialAccountInfo {
  const fields = copyFields(WIRE_FIELDS, item, byWireName, byName, valueFromWire);
  return { ...fields, [ID_FIELD.name]: str(item.Official_Account) || (fallbackId ?? "") } as OfficialAccountInfo;
}

/** An account of the subscribed list, with the subscriber's own fields. */
export function subscribedFromWire(item: SubscribedOfficialAccountItem): SubscribedOfficialAccount {
  const subscribeTime = num(item.SelfInfo?.SubscribeTime);
  const selfCustomString = str(item.SelfInfo?.CustomString);
  return {
    ...infoFromWire(item),
    ...(subscribeTime !== undefined ? { subscribeTime } : {}),
    ...(selfCustomString !== undefined ? { selfCustomString } : {}),
  };
}

/** One subscriber of get_subscriber_info; an unknown MsgFlag is left out rather than guessed. */
export function subscriberFromWire(item: SubscriberInfoItem): Subscriber {
  const subscribeTime = num(item.SubscribeTime);
  const customString = str(item.CustomString);
  const msgFlag = MSG_FLAGS.find((flag) => flag === item.MsgFlag);
  const lastSendMsgTime = num(item.LastSendMsgTime);
  return {
    subscriberAccount: String(item.Subscriber_Account),
    ...(subscribeTime !== undefined ? { subscribeTime } : {}),
    ...(customString !== undefined ? { customString } : {}),
    ...(msgFlag !== undefined ? { msgFlag } : {}),
    ...(lastSendMsgTime !== undefined ? { lastSendMsgTime } : {}),
  };
}
