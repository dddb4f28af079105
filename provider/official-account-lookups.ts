/**
 * The lookups' behaviour, written once: each takes the API client and the
 * arguments. The program-side functions (lookups.ts) and the native plugin's
 * Invoke (native/server.ts) both call these, each with its own settings.
 */
import { officialAccountIdProblem } from "../chat-api/field-rules";
import type { SelfInfoFilterField } from "../chat-api/limits";
import type { BaseInfoFilterField } from "../chat-api/official-account-fields";
import type { OfficialAccountInfo, OfficialAccountsApi, SubscribedOfficialAccount } from "./chat";
import { OfficialAccountError, withContext } from "./errors";

function requireValidId(id: unknown, field: string): string {
  if (typeof id !== "string") throw new OfficialAccountError(`${field} must be a string; got ${typeof id}.`);
  const problem = officialAccountIdProblem(id, field);
  if (problem) throw new OfficialAccountError(problem);
  return id;
}

export interface GetOfficialAccountArgs {
  /** The id of the account to read (`@TOA#_...`). */
  readonly officialAccountUserId: string;
}

/** Reads one existing official account; fails when it does not exist. */
export async function lookUpOfficialAccount(
  api: OfficialAccountsApi,
  args: GetOfficialAccountArgs,
): Promise<OfficialAccountInfo> {
  const id = requireValidId(args?.officialAccountUserId, "officialAccountUserId");
  const account = await api.get(id).catch((error: unknown) => {
    throw withContext(`getOfficialAccount ${id}`, error);
  });
  if (!account) {
    throw new OfficialAccountError(
      `getOfficialAccount: official account ${id} does not exist or was destroyed (130004).`,
    );
  }
  return account;
}

export interface GetOfficialAccountsArgs {
  /** Ids to read; any number, fetched 50 per API call. */
  readonly officialAccountUserIds: string[];
}

export interface GetOfficialAccountsResult {
  /** The accounts that exist, in the order asked for. */
  readonly accounts: OfficialAccountInfo[];
  /** Ids that do not exist or were destroyed. */
  readonly missingIds: string[];
}

/** Reads many existing official accounts at once (50 per API call); missing ones are listed, not fatal. */
export async function lookUpOfficialAccounts(
  api: OfficialAccountsApi,
  args: GetOfficialAccountsArgs,
): Promise<GetOfficialAccountsResult> {
  if (!Array.isArray(args?.officialAccountUserIds)) {
    throw new OfficialAccountError("officialAccountUserIds must be an array of official-account ids.");
  }
  const ids = args.officialAccountUserIds.map((id, index) => requireValidId(id, `officialAccountUserIds[${index}]`));
  const found = await api.getInfo([...new Set(ids)]).catch((error: unknown) => {
    throw withContext("getOfficialAccounts", error);
  });
  const accounts: OfficialAccountInfo[] = [];
  const missingIds: string[] = [];
  for (const id of ids) {
    const account = found.get(id);
    if (account) accounts.push(account);
    else missingIds.push(id);
  }
  return { accounts, missingIds };
}

export interface GetSubscribedOfficialAccountsArgs {
  /** UserID of the subscriber. */
  readonly subscriberAccount: string;
  /** Account fields to return (default all): CreateTime, Name, Owner_Account, LastMsgTime, SubscriberNum, Introduction, FaceUrl, Organization, CustomString. */
  readonly fields?: BaseInfoFilterField[];
  /** Subscriber's own fields to return (default all): SubscribeTime, CustomString. */
  readonly selfFields?: SelfInfoFilterField[];
}

export interface GetSubscribedOfficialAccountsResult {
  readonly subscriberAccount: string;
  /** Every account the user subscribes to, all pages followed. */
  readonly accounts: SubscribedOfficialAccount[];
  readonly totalCount: number;
}

/** Lists every official account a user subscribes to, following the API's pages to the end. */
export async function lookUpSubscribedOfficialAccounts(
  api: OfficialAccountsApi,
  args: GetSubscribedOfficialAccountsArgs,
): Promise<GetSubscribedOfficialAccountsResult> {
  const subscriberAccount = args?.subscriberAccount;
  if (typeof subscriberAccount !== "string" || subscriberAccount === "") {
    throw new OfficialAccountError("subscriberAccount must be the UserID of a Chat account.");
  }
  const accounts = await api
    .listAllSubscribed(subscriberAccount, { fields: args.fields, selfFields: args.selfFields })
    .catch((error: unknown) => {
      throw withContext(`getSubscribedOfficialAccounts ${subscriberAccount}`, error);
    });
  return { subscriberAccount, accounts, totalCount: accounts.length };
}
