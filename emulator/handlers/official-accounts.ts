/**
 * The official-account profile commands: create, get info, list the
 * accounts a user subscribes to, modify, destroy.
 */
import { randomBytes } from "node:crypto";
import {
  DEFAULT_LIMIT_PER_PAGE,
  DEFAULT_MAX_SUBSCRIBER_NUM,
  FIELD_BYTE_LIMITS,
  MAX_IDS_PER_INFO_CALL,
  MAX_LIMIT_PER_PAGE,
  OFFICIAL_ACCOUNT_ID_PREFIX,
} from "../../provider/chat/limits";
import { ChatError, Code, invalidParameter } from "../codes";
import { parseResponseFilter, projectAccount, projectSelfInfo } from "../filters";
import type { AccountPatch, ChatState } from "../state";
import {
  accountIdProblem,
  checkAccountId,
  objectItems,
  optionalInteger,
  optionalMaxSubscriberNum,
  optionalString,
  requiredArray,
  requiredString,
  requiredUserId,
  type Body,
} from "../validate";
import type { Handler } from "./context";

const PROFILE_FIELDS = ["Introduction", "FaceUrl", "Organization", "CustomString"] as const;
const MODIFIABLE_FIELDS = new Set(["Official_Account", "Name", ...PROFILE_FIELDS, "MaxSubscriberNum"]);
const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function generateAccountId(state: ChatState): string {
  for (;;) {
    const suffix = [...randomBytes(16)].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join("");
    const id = OFFICIAL_ACCOUNT_ID_PREFIX + suffix;
    if (!state.getAccount(id)) return id;
  }
}

export function requireImported(state: ChatState, user: string, field: string): void {
  if (!state.hasUser(user)) {
    throw new ChatError(Code.accountNotImported, `${field} ${JSON.stringify(user)} is not an imported account`);
  }
}

export function requireAccount(state: ChatState, id: string): void {
  if (!state.getAccount(id)) {
    throw new ChatError(
      Code.accountNotFound,
      `official account ${JSON.stringify(id)} does not exist, or once existed but has been terminated`,
    );
  }
}

export const createOfficialAccount: Handler = (body, ctx) => {
  const owner = requiredUserId(body, "Owner_Account");
  const name = requiredString(body, "Name", FIELD_BYTE_LIMITS.Name);
  const requestedId =
    body.OfficialAccountUserID === undefined
      ? undefined
      : checkAccountId(body.OfficialAccountUserID, "OfficialAccountUserID");
  const profile: Record<(typeof PROFILE_FIELDS)[number], string> = {
    Introduction: "",
    FaceUrl: "",
    Organization: "",
    CustomString: "",
  };
  for (const field of PROFILE_FIELDS) profile[field] = optionalString(body, field, FIELD_BYTE_LIMITS[field]) ?? "";
  const maxSubscriberNum = optionalMaxSubscriberNum(body) ?? DEFAULT_MAX_SUBSCRIBER_NUM;

  requireImported(ctx.state, owner, "Owner_Account");
  if (requestedId !== undefined && ctx.state.getAccount(requestedId)) {
    throw new ChatError(Code.accountIdInUse, `official account ID ${JSON.stringify(requestedId)} is already in use`);
  }
  if (ctx.state.accountCount() >= ctx.accountQuota) {
    throw new ChatError(
      Code.accountQuotaExceeded,
      `the app already has ${ctx.state.accountCount()} official accounts, its limit; destroy some or raise the quota`,
    );
  }
  const id = requestedId ?? generateAccountId(ctx.state);
  ctx.state.createAccount({
    Official_Account: id,
    Owner_Account: owner,
    Name: name,
    ...profile,
    MaxSubscriberNum: maxSubscriberNum,
    CreateTime: ctx.nowSeconds(),
    LastMsgTime: 0,
  });
  return { OfficialAccountUserID: id };
};

export const getOfficialAccountInfo: Handler = (body, ctx) => {
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
  const withMax = ctx.returnMaxSubscriberNum && filter.baseInfo === undefined;
  // One bad or unknown id fails only its own item, as in the vendor's sample.
  const list = ids.map((id): Body => {
    const problem = accountIdProblem(id);
    if (problem)
      return {
        ErrorCode: Code.badAccountId,
        ErrorInfo: `incorrect official account ID: ${problem}`,
        Official_Account: id,
      };
    const account = ctx.state.getAccount(id);
    if (!account) {
      return {
        ErrorCode: Code.accountNotFound,
        ErrorInfo: "the official account does not exist, or once existed but has been terminated",
        Official_Account: id,
      };
    }
    const item: Body = {
      ErrorCode: 0,
      ErrorInfo: "",
      ...projectAccount(account, ctx.state.subscriberCount(id), filter.baseInfo),
    };
    if (withMax) item.MaxSubscriberNum = account.MaxSubscriberNum;
    return item;
  });
  return { OfficialAccountInfoList: list };
};

export const getSubscribedOfficialAccountList: Handler = (body, ctx) => {
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
    const account = ctx.state.getAccount(sub.account)!;
    const item = projectAccount(account, ctx.state.subscriberCount(sub.account), filter.baseInfo);
    const self = projectSelfInfo(sub, filter.selfInfo);
    if (self) item.SelfInfo = self;
    return item;
  });
  return {
    TotalCount: subscriptions.length,
    OfficialAccountInfoList: list,
    CompleteFlag: complete ? 1 : 0,
    Next: complete ? 0 : end,
  };
};

export const modifyOfficialAccountBaseInfo: Handler = (body, ctx) => {
  for (const key of Object.keys(body)) {
    if (!MODIFIABLE_FIELDS.has(key)) {
      throw invalidParameter(
        `${key} cannot be modified; writable fields: ${[...MODIFIABLE_FIELDS].slice(1).join(", ")}`,
      );
    }
  }
  const id = checkAccountId(body.Official_Account, "Official_Account");
  const patch: AccountPatch = {};
  if (body.Name !== undefined) patch.Name = requiredString(body, "Name", FIELD_BYTE_LIMITS.Name);
  for (const field of PROFILE_FIELDS) {
    const value = optionalString(body, field, FIELD_BYTE_LIMITS[field]);
    if (value !== undefined) patch[field] = value;
  }
  const max = optionalMaxSubscriberNum(body);
  if (max !== undefined) patch.MaxSubscriberNum = max;
  requireAccount(ctx.state, id);
  ctx.state.modifyAccount(id, patch);
  return {};
};

export const destroyOfficialAccount: Handler = (body, ctx) => {
  const id = checkAccountId(body.Official_Account, "Official_Account");
  requireAccount(ctx.state, id);
  ctx.state.destroyAccount(id);
  return {};
};
