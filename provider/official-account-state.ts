/**
 * The OfficialAccount's inputs and state as the engine stores them, and the
 * one mapping between them and the client's domain types.
 */
import type { NewOfficialAccount, OfficialAccountInfo, OfficialAccountProfile } from "./chat";
import { DEFAULT_MAX_SUBSCRIBER_NUM } from "./chat/limits";

/** Inputs after `check`: defaults filled in and the id decided. */
export interface CheckedInputs {
  officialAccountUserId: string;
  ownerAccount: string;
  name: string;
  introduction: string;
  faceUrl: string;
  organization: string;
  customString: string;
  maxSubscriberNum: number;
  adopt: boolean;
  /** `project/stack/logical-name`, set by the resource class, seeds generated ids. */
  idSeed?: string;
}

/** What the engine keeps in state: the inputs plus what only the service knows. */
export interface OfficialAccountState extends CheckedInputs {
  createTime: number;
  lastMsgTime: number;
  subscriberNum: number;
}

/** Profile fields modify_official_account_base_info can change in place. */
export const UPDATABLE_FIELDS = [
  "name",
  "introduction",
  "faceUrl",
  "organization",
  "customString",
  "maxSubscriberNum",
] as const satisfies ReadonlyArray<keyof OfficialAccountProfile & keyof CheckedInputs>;
export type UpdatableField = (typeof UPDATABLE_FIELDS)[number];

/** Fields that cannot change on a live account: a new value means a new account. */
export const REPLACING_FIELDS = ["ownerAccount", "officialAccountUserId"] as const;

/** The fields `check` fills in when the program leaves them out. */
export const INPUT_DEFAULTS = {
  introduction: "",
  faceUrl: "",
  organization: "",
  customString: "",
  maxSubscriberNum: DEFAULT_MAX_SUBSCRIBER_NUM,
  adopt: false,
} as const;

export function toNewAccount(inputs: CheckedInputs): NewOfficialAccount {
  return {
    officialAccountUserId: inputs.officialAccountUserId,
    ownerAccount: inputs.ownerAccount,
    name: inputs.name,
    introduction: inputs.introduction,
    faceUrl: inputs.faceUrl,
    organization: inputs.organization,
    customString: inputs.customString,
    maxSubscriberNum: inputs.maxSubscriberNum,
  };
}

/** The updatable fields whose declared value differs from `current`. */
export function profileChanges(current: Partial<CheckedInputs>, declared: CheckedInputs): OfficialAccountProfile {
  const changes: Record<string, string | number> = {};
  for (const field of UPDATABLE_FIELDS) {
    if (current[field] !== declared[field]) changes[field] = declared[field];
  }
  return changes as OfficialAccountProfile;
}

/** The inputs as the live account shows them; fields the API did not return keep their previous value. */
export function inputsFromLive(previous: CheckedInputs, live: OfficialAccountInfo): CheckedInputs {
  return {
    ...previous,
    ownerAccount: live.ownerAccount ?? previous.ownerAccount,
    name: live.name ?? previous.name,
    introduction: live.introduction ?? previous.introduction,
    faceUrl: live.faceUrl ?? previous.faceUrl,
    organization: live.organization ?? previous.organization,
    customString: live.customString ?? previous.customString,
    // The live API may not return MaxSubscriberNum: never report drift on what it cannot see.
    maxSubscriberNum: live.maxSubscriberNum ?? previous.maxSubscriberNum,
  };
}

export function stateFrom(inputs: CheckedInputs, live: OfficialAccountInfo | undefined): OfficialAccountState {
  return {
    ...inputs,
    createTime: live?.createTime ?? 0,
    lastMsgTime: live?.lastMsgTime ?? 0,
    subscriberNum: live?.subscriberNum ?? 0,
  };
}

/** The checked-input part of a stored state (drops outputs-only fields and the serialized provider). */
export function checkedInputsOf(state: Partial<OfficialAccountState>): CheckedInputs {
  return {
    officialAccountUserId: state.officialAccountUserId ?? "",
    ownerAccount: state.ownerAccount ?? "",
    name: state.name ?? "",
    introduction: state.introduction ?? INPUT_DEFAULTS.introduction,
    faceUrl: state.faceUrl ?? INPUT_DEFAULTS.faceUrl,
    organization: state.organization ?? INPUT_DEFAULTS.organization,
    customString: state.customString ?? INPUT_DEFAULTS.customString,
    maxSubscriberNum: state.maxSubscriberNum ?? INPUT_DEFAULTS.maxSubscriberNum,
    adopt: state.adopt ?? INPUT_DEFAULTS.adopt,
    ...(state.idSeed !== undefined ? { idSeed: state.idSeed } : {}),
  };
}
