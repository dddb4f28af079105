/**
 * The lookups' behaviour, written once: each takes the API client and the
 * arguments, checks the arguments against its row of LOOKUP_ARGUMENTS (every
 * problem at once, each naming the argument, the rule and the fix), then
 * calls the API. The program-side functions (lookups.ts) and the native
 * plugin's Invoke (native/server.ts) both call these, each with its own
 * settings, so arguments from any language are checked alike.
 */
import { officialAccountIdProblem, userIdProblem } from "../../../chat-api/field-rules";
import { SELF_INFO_FILTER_FIELDS, type SelfInfoFilterField } from "../../../chat-api/limits";
import { BASE_INFO_FILTER_FIELDS, type BaseInfoFilterField } from "../../../chat-api/official-account-fields";
import type { OfficialAccountInfo, OfficialAccountsApi, SubscribedOfficialAccount } from "../../chat";
import { OfficialAccountError, withContext } from "../errors";
import type { InputFailure } from "./validation";

/** The lookups by name, as programs call them and the schema's function tokens end. */
export type LookupName = "getOfficialAccount" | "getOfficialAccounts" | "getSubscribedOfficialAccounts";

/** One argument of a lookup: whether it is required, and the problem with a given value (undefined when fine). */
interface ArgumentRule {
  readonly required: boolean;
  /** What to pass, for the message when it is missing. */
  readonly expected: string;
  readonly problem: (value: unknown, name: string) => string | undefined;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

const officialAccountId: ArgumentRule = {
  required: true,
  expected: 'an official-account id such as "@TOA#_news"',
  problem: (value, name) =>
    typeof value === "string"
      ? officialAccountIdProblem(value, name)
      : `${name} must be a string (an official-account id such as "@TOA#_news"); got ${typeOf(value)}.`,
};

/** A list whose items all follow `item`; the first bad item is named by its index. */
function listOf(item: ArgumentRule, expected: string, required: boolean): ArgumentRule {
  return {
    required,
    expected,
    problem: (value, name) => {
      if (!Array.isArray(value)) return `${name} must be a list of ${expected}; got ${typeOf(value)}.`;
      for (const [index, element] of value.entries()) {
        const problem = item.problem(element, `${name}[${index}]`);
        if (problem) return problem;
      }
      return undefined;
    },
  };
}

/** One of `allowed`, exactly as spelt there. */
function oneOf(allowed: readonly string[]): ArgumentRule {
  return {
    required: true,
    expected: allowed.join(", "),
    problem: (value, name) =>
      typeof value === "string" && allowed.includes(value)
        ? undefined
        : `${name} must be one of ${allowed.join(", ")}; got ${typeOf(value)}.`,
  };
}

const userId: ArgumentRule = {
  required: true,
  expected: "the UserID of a Chat account",
  problem: (value, name) =>
    typeof value !== "string" || value === ""
      ? `${name} must be the UserID of a Chat account (a non-empty string); got ${typeOf(value)}.`
      : userIdProblem(name, value),
};

/** Every lookup's arguments and their rules: the one place Invoke and program calls are checked against. */
export const LOOKUP_ARGUMENTS: Readonly<Record<LookupName, Readonly<Record<string, ArgumentRule>>>> = {
  getOfficialAccount: { officialAccountUserId: officialAccountId },
  getOfficialAccounts: {
    officialAccountUserIds: listOf(officialAccountId, "official-account ids", true),
  },
  getSubscribedOfficialAccounts: {
    subscriberAccount: userId,
    fields: listOf(
      oneOf(BASE_INFO_FILTER_FIELDS),
      `account field names (${BASE_INFO_FILTER_FIELDS.join(", ")})`,
      false,
    ),
    selfFields: listOf(oneOf(SELF_INFO_FILTER_FIELDS), `field names (${SELF_INFO_FILTER_FIELDS.join(", ")})`, false),
  },
};

/** Every problem with a lookup's arguments: unknown names, missing required ones, values breaking a rule. */
export function lookupArgumentProblems(lookup: LookupName, args: unknown): InputFailure[] {
  const rules = LOOKUP_ARGUMENTS[lookup];
  const names = Object.keys(rules);
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    return [{ property: "", reason: `${lookup} takes an object with ${names.join(", ")}; got ${typeOf(args)}.` }];
  }
  const given = args as Record<string, unknown>;
  const failures: InputFailure[] = [];
  for (const name of Object.keys(given)) {
    if (!(name in rules) && given[name] !== undefined && given[name] !== null) {
      failures.push({
        property: name,
        reason: `${name} is not an argument of ${lookup}; it takes ${names.join(", ")}.`,
      });
    }
  }
  for (const [name, rule] of Object.entries(rules)) {
    const value = given[name];
    if (value === undefined || value === null) {
      if (rule.required) failures.push({ property: name, reason: `${name} is required: pass ${rule.expected}.` });
      continue;
    }
    const problem = rule.problem(value, name);
    if (problem) failures.push({ property: name, reason: problem });
  }
  return failures;
}

/** A lookup called with arguments that break its rules; `failures` names each argument. */
export class LookupArgumentsError extends OfficialAccountError {
  override readonly name = "LookupArgumentsError";

  constructor(
    readonly lookup: LookupName,
    readonly failures: readonly InputFailure[],
  ) {
    super(`${lookup}: ${failures.map((failure) => failure.reason).join(" ")}`);
  }
}

/** `args` typed as the lookup's arguments, or a LookupArgumentsError naming every problem. */
function checkedArgs<A>(lookup: LookupName, args: unknown): A {
  const failures = lookupArgumentProblems(lookup, args);
  if (failures.length > 0) throw new LookupArgumentsError(lookup, failures);
  return args as A;
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
  const id = checkedArgs<GetOfficialAccountArgs>("getOfficialAccount", args).officialAccountUserId;
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
  const ids = checkedArgs<GetOfficialAccountsArgs>("getOfficialAccounts", args).officialAccountUserIds;
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
  /** Account fields to return, by wire name (default all): those the documented read returns, BASE_INFO_FILTER_FIELDS. */
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
  const subscriberAccount = checkedArgs<GetSubscribedOfficialAccountsArgs>(
    "getSubscribedOfficialAccounts",
    args,
  ).subscriberAccount;
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

/** Each lookup's behaviour by name: what an Invoke of its function token runs. */
const LOOKUPS: Readonly<Record<LookupName, (api: OfficialAccountsApi, args: never) => Promise<unknown>>> = {
  getOfficialAccount: lookUpOfficialAccount,
  getOfficialAccounts: lookUpOfficialAccounts,
  getSubscribedOfficialAccounts: lookUpSubscribedOfficialAccounts,
};

/** True when `name` is one of the lookups. */
export function isLookupName(name: string): name is LookupName {
  return Object.prototype.hasOwnProperty.call(LOOKUPS, name);
}

/**
 * Runs the lookup `name` on arguments of unknown shape (an Invoke from any
 * language): they are checked against its row of LOOKUP_ARGUMENTS first,
 * failing with a LookupArgumentsError that names every bad argument.
 */
export function runLookup(api: OfficialAccountsApi, name: LookupName, args: unknown): Promise<unknown> {
  return LOOKUPS[name](api, checkedArgs<never>(name, args));
}
