/**
 * The lookups' behaviour, written once: each takes the API client and
 * arguments already checked against its row of the function table
 * (functions.ts), calls the API and shapes the result. Both front doors reach
 * them only through the table's `invokeFunction`, each with its own settings.
 */
import type { OfficialAccountInfo, OfficialAccountsApi } from "../../chat";
import { OfficialAccountError, withContext } from "../errors";
import type {
  GetOfficialAccountArgs,
  GetOfficialAccountsArgs,
  GetOfficialAccountsResult,
  GetSubscribedOfficialAccountsArgs,
  GetSubscribedOfficialAccountsResult,
} from "./function-types";

/** The behaviour of `getOfficialAccount` (its row in functions.ts says what it does). */
export async function readOfficialAccount(
  api: OfficialAccountsApi,
  args: GetOfficialAccountArgs,
): Promise<OfficialAccountInfo> {
  const id = args.officialAccountUserId;
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

/** The behaviour of `getOfficialAccounts`: distinct ids read 50 per call, answered in the order asked. */
export async function readOfficialAccounts(
  api: OfficialAccountsApi,
  args: GetOfficialAccountsArgs,
): Promise<GetOfficialAccountsResult> {
  const ids = args.officialAccountUserIds;
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

/** The behaviour of `getSubscribedOfficialAccounts`: the API's pages followed to the end. */
export async function listSubscribedOfficialAccounts(
  api: OfficialAccountsApi,
  args: GetSubscribedOfficialAccountsArgs,
): Promise<GetSubscribedOfficialAccountsResult> {
  const subscriberAccount = args.subscriberAccount;
  const accounts = await api
    .listAllSubscribed(subscriberAccount, {
      fields: args.fields ?? undefined,
      selfFields: args.selfFields ?? undefined,
    })
    .catch((error: unknown) => {
      throw withContext(`getSubscribedOfficialAccounts ${subscriberAccount}`, error);
    });
  return { subscriberAccount, accounts, totalCount: accounts.length };
}
