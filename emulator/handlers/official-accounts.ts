/**
 * The official-account profile commands: create, get info, list the
 * accounts a user subscribes to, modify, destroy. Which fields each accepts,
 * their rules and defaults come from the field table.
 */
import { randomBytes } from "node:crypto";
import type { OfficialAccountCommand } from "../../chat-api/commands";
import { ErrorCode } from "../../chat-api/error-codes";
import { officialAccountIdGuessProblem } from "../../chat-api/field-rules";
import { DEFAULT_LIMIT_PER_PAGE, MAX_IDS_PER_INFO_CALL, MAX_LIMIT_PER_PAGE } from "../../chat-api/limits";
import {
  ACCOUNT_INPUT_FIELDS,
  ID_FIELD,
  OFFICIAL_ACCOUNT_FIELDS,
  OFFICIAL_ACCOUNT_ID_PREFIX,
  UPDATABLE_FIELDS,
  type OutputRow,
  type StoredOutputRow,
  type ServiceValue,
} from "../../chat-api/official-account-fields";
import type { OfficialAccountInfoItem } from "../../chat-api/wire-types";
import { CommandFailure, invalidParameter } from "../failure";
import { parseResponseFilter, projectAccount, projectSelfInfo } from "../filters";
import type { AccountPatch, AccountRecord, ChatState } from "../state";
import {
  accountFields,
  checkAccountId,
  objectItems,
  optionalInteger,
  requiredArray,
  requiredUserId,
} from "../validate";
import type { Handler } from "./context";

type Command = typeof OfficialAccountCommand;

/** Fields create takes besides the id (which create calls OfficialAccountUserID); the control API's put too. */
export const CREATE_FIELDS = ACCOUNT_INPUT_FIELDS.filter((field) => field !== ID_FIELD);
const MODIFIABLE_FIELDS = new Set([ID_FIELD.wireName!, ...UPDATABLE_FIELDS.map((field) => field.wireName!)]);

/** Output fields the service keeps on the account; the others (SubscriberNum) it counts on every read. */
type StoredOutputWireName = StoredOutputRow["wireName"];

/** What the emulated service stores for an output when it creates the account; undefined: counted on read. */
function valueAtCreation(source: ServiceValue, nowSeconds: number): number | undefined {
  switch (source) {
    case "creationTime":
      return nowSeconds;
    case "lastMessageTime":
      return 0; // the emulator sends no messages
    case "subscriberCount":
      return undefined;
  }
}

/**
 * The output fields a new account starts with, from the field table: each output row the service stores,
 * valued by where the service takes it from. Create and the control API's put both call it.
 */
export function outputsAtCreation(nowSeconds: number): Record<StoredOutputWireName, number> {
  // Typed rows: `field.serviceValue` does not compile when an output row leaves it out.
  const outputs = OFFICIAL_ACCOUNT_FIELDS.filter((field): field is OutputRow => field.lifecycle === "output");
  const stored = outputs.flatMap((field) => {
    const value = valueAtCreation(field.serviceValue, nowSeconds);
    return value === undefined ? [] : [[field.wireName, value] as const];
  });
  return Object.fromEntries(stored) as Record<StoredOutputWireName, number>;
}

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function generateAccountId(state: ChatState): string {
  for (;;) {
    const suffix = [...randomBytes(16)].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join("");
    const id = OFFICIAL_ACCOUNT_ID_PREFIX + suffix;
    if (!state.getAccount(id)) return id;
  }
}

/** Throws 70107 unless `user` (given as `field`) is an imported Chat user. */
export function requireImported(state: ChatState, user: string, field: string): void {
  if (!state.hasUser(user)) {
    throw new CommandFailure(
      ErrorCode.accountNotImported,
      `${field} ${JSON.stringify(user)} is not an imported account`,
    );
  }
}

/** The live account `id`; throws 130004 when there is none. */
export function requireAccount(state: ChatState, id: string): AccountRecord {
  const account = state.getAccount(id);
  if (!account) {
    throw new CommandFailure(
      ErrorCode.accountNotFound,
      `official account ${JSON.stringify(id)} does not exist, or once existed but has been terminated`,
    );
  }
  return account;
}

/** create_official_account: checks the fields, the owner, the id and the quota, then stores the account. */
export const createOfficialAccount: Handler<Command["create"]> = (body, ctx) => {
  const given = accountFields(body, CREATE_FIELDS, true);
  const requestedId =
    body.OfficialAccountUserID === undefined
      ? undefined
      : checkAccountId(body.OfficialAccountUserID, "OfficialAccountUserID");
  const owner = given.Owner_Account as string;
  requireImported(ctx.state, owner, "Owner_Account");
  if (requestedId !== undefined && ctx.state.getAccount(requestedId)) {
    throw new CommandFailure(
      ErrorCode.accountIdInUse,
      `official account ID ${JSON.stringify(requestedId)} is already in use`,
    );
  }
  if (ctx.state.accountCount() >= ctx.accountQuota) {
    throw new CommandFailure(
      ErrorCode.accountQuotaExceeded,
      `the app already has ${ctx.state.accountCount()} official accounts, its limit; destroy some or raise the quota`,
    );
  }
  const id = requestedId ?? generateAccountId(ctx.state);
  const defaults = Object.fromEntries(CREATE_FIELDS.map((field) => [field.wireName!, field.default ?? ""]));
  ctx.state.createAccount({
    ...defaults,
    ...given,
    Official_Account: id,
    ...outputsAtCreation(ctx.nowSeconds()),
  } as AccountRecord);
  return { OfficialAccountUserID: id };
};

/** get_official_account_info: up to 50 accounts; a bad or unknown id fails its own item only. */
export const getOfficialAccountInfo: Handler<Command["getInfo"]> = (body, ctx) => {
  const items = objectItems(
    requiredArray(body, "OfficialAccountIdList", 1, MAX_IDS_PER_INFO_CALL),
    "OfficialAccountIdList",
  );
  const ids = items.map((item, i) => {
    const id = item.Official_Account;
    if (typeof id !== "string" || id === "") {
      throw invalidParameter(`OfficialAccountIdList[${i}].Official_Account must be a non-empty string`);
    }
    return id;
  });
  const filter = parseResponseFilter(body, false);
  // One bad or unknown id fails only its own item, as in the vendor's sample.
  const list = ids.map((id): OfficialAccountInfoItem => {
    const problem = officialAccountIdGuessProblem(id, "Official_Account");
    if (problem) {
      return {
        ErrorCode: ErrorCode.badAccountId,
        ErrorInfo: `incorrect official account ID: ${problem}`,
        Official_Account: id,
      };
    }
    const account = ctx.state.accountSnapshot(id);
    if (!account) {
      return {
        ErrorCode: ErrorCode.accountNotFound,
        ErrorInfo: "the official account does not exist, or once existed but has been terminated",
        Official_Account: id,
      };
    }
    const fields = projectAccount(account, filter.baseInfo, ctx.returnMaxSubscriberNum);
    return { ErrorCode: 0, ErrorInfo: "", ...fields };
  });
  return { OfficialAccountInfoList: list };
};

/** get_subscribed_official_account_list: one page of the accounts a user subscribes to, oldest first. */
export const getSubscribedOfficialAccountList: Handler<Command["listSubscribed"]> = (body, ctx) => {
  const user = requiredUserId(body, "Subscriber_Account");
  const limit = optionalInteger(body, "Limit", 1, MAX_LIMIT_PER_PAGE) ?? DEFAULT_LIMIT_PER_PAGE;
  const offset = optionalInteger(body, "Offset", 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const filter = parseResponseFilter(body, true);
  requireImported(ctx.state, user, "Subscriber_Account");
  const subscriptions = ctx.state.subscriptionsOf(user);
  const page = subscriptions.slice(offset, offset + limit);
  const end = offset + page.length;
  const complete = end >= subscriptions.length;
  const list = page.map((sub) => {
    const account = ctx.state.accountSnapshot(sub.account)!;
    const self = projectSelfInfo(sub, filter.selfInfo);
    const item = projectAccount(account, filter.baseInfo);
    return self ? { ...item, SelfInfo: self } : item;
  });
  return {
    TotalCount: subscriptions.length,
    OfficialAccountInfoList: list,
    CompleteFlag: complete ? 1 : 0,
    Next: complete ? 0 : end,
  };
};

/** modify_official_account_base_info: changes the updatable fields the body names; any other field is 6017. */
export const modifyOfficialAccountBaseInfo: Handler<Command["modify"]> = (body, ctx) => {
  for (const key of Object.keys(body)) {
    if (!MODIFIABLE_FIELDS.has(key)) {
      throw invalidParameter(
        `${key} cannot be modified; writable fields: ${[...MODIFIABLE_FIELDS].slice(1).join(", ")}`,
      );
    }
  }
  const id = checkAccountId(body.Official_Account, "Official_Account");
  const patch = accountFields(body, UPDATABLE_FIELDS, false) as AccountPatch;
  requireAccount(ctx.state, id);
  ctx.state.modifyAccount(id, patch);
  return {};
};

/** destroy_official_account: removes the account and its subscriptions; its id may be created again. */
export const destroyOfficialAccount: Handler<Command["destroy"]> = (body, ctx) => {
  const id = checkAccountId(body.Official_Account, "Official_Account");
  requireAccount(ctx.state, id);
  ctx.state.destroyAccount(id);
  return {};
};
