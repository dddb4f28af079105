/**
 * THE FUNCTION TABLE: every lookup (a Pulumi function) described once, one
 * row each, keyed by its name (what programs call in both doors; the schema
 * token is `tencentchat:index:<name>`): its arguments (type, whether
 * required, description, rule), its result (type, description), its
 * description, its example's title and its behaviour (lookups.ts).
 * Derived from it: the argument check of every call from either front door,
 * the native plugin's Invoke dispatch (`invokeFunction`), the schema's
 * `functions` and the object types they return (provider/native/schema.ts),
 * and, through `npm run generate` (scripts/generate-functions.ts), the
 * TypeScript argument and result types (function-types.ts), the dynamic
 * door's program-side functions (provider/dynamic/lookups.ts), the native
 * door's typed wrappers (provider/native/lookups.ts) and the README's
 * function tables, and the list of schema examples
 * (scripts/generate-schema-examples.ts). Adding a lookup is one row here plus
 * its behaviour, then `npm run generate` (and its example region in each
 * example program, which every SDK's docs show).
 */
import { SELF_INFO_FILTER_FIELDS } from "../../../chat-api/limits";
import { BASE_INFO_FILTER_FIELDS, OFFICIAL_ACCOUNT_FIELDS } from "../../../chat-api/official-account-fields";
import type { OfficialAccountsApi } from "../../chat";
import {
  argumentProblems,
  FunctionArgumentsError,
  listArgument,
  OFFICIAL_ACCOUNT_ID_ARGUMENT,
  oneOfArgument,
  USER_ID_ARGUMENT,
  type ArgumentRule,
} from "./function-arguments";
import type { FunctionSignatures } from "./function-types";
import type { InputFailure } from "./validation";
import { listSubscribedOfficialAccounts, readOfficialAccount, readOfficialAccounts } from "./lookups";

/** A named string type: a string out of a fixed list, declared in TypeScript under this name. */
export type FunctionEnumType = "BaseInfoFilterField" | "SelfInfoFilterField";

/** An object type the functions return: a schema type `tencentchat:index:<name>`, the TypeScript type of that name. */
export type FunctionObjectType = "OfficialAccountInfo" | "SubscribedOfficialAccount";

/** The type of an argument or a result, in words both the schema and TypeScript can be written from. */
export type FunctionValueType =
  | "string"
  | "integer"
  | "boolean"
  | { readonly listOf: FunctionValueType }
  | { readonly oneOf: FunctionEnumType }
  | { readonly object: FunctionObjectType };

/** One argument of a function (its name is its key in the row's `inputs`). */
export interface FunctionInput {
  /** Its type in the schema and in TypeScript. */
  readonly type: FunctionValueType;
  /** True when a call must pass it. */
  readonly required: boolean;
  /** The text users see in their editor, the README and the schema. */
  readonly description: string;
  /** What its value must be; every call is checked against it before the API is called. */
  readonly rule: ArgumentRule;
}

/** One property of a result or of an object type (its name is its key). */
export interface FunctionOutput {
  /** Its type in the schema and in TypeScript. */
  readonly type: FunctionValueType;
  /** The text users see in their editor, the README and the schema. */
  readonly description: string;
  /** True when every result carries it (the schema's `required`); false when the service may leave it out. */
  readonly always: boolean;
}

/** An object type the functions return: its description and properties. */
export interface FunctionObjectTypeSpec {
  /** The text users see in the schema and the SDKs. */
  readonly description: string;
  /** Its properties, in the order the schema lists them. */
  readonly properties: Readonly<Record<string, FunctionOutput>>;
}

/**
 * A function's result: one object of an object type (`object`, with what it is),
 * or a result object of its own (`outputs`, the TypeScript type `<Name>Result`).
 */
export type FunctionResult<R> =
  | { readonly object: FunctionObjectType; readonly description: string }
  | { readonly outputs: { readonly [K in keyof Required<R>]: FunctionOutput } };

/** One row of the function table, for a function taking `A` and resolving to `R`. */
export interface FunctionSpec<A, R> {
  /** What it does, in one line: the schema's description, the TSDoc of both doors' functions, the README's. */
  readonly description: string;
  /** Its arguments by name, in the order the schema and the README list them. */
  readonly inputs: { readonly [K in keyof Required<A>]: FunctionInput };
  /** What it resolves to. */
  readonly result: FunctionResult<R>;
  /**
   * The title of its example in every SDK's docs; the example is the region between `example-start: <name>`
   * and `example-end` of each example program (scripts/generate-schema-examples.ts).
   */
  readonly exampleTitle: string;
  /** The behaviour: takes the API client and arguments already checked against `inputs`. */
  readonly behaviour: (api: OfficialAccountsApi, args: A) => Promise<R>;
}

/** The functions by name: the name programs call in both doors, and the end of the token `tencentchat:index:<name>`. */
export type FunctionName = keyof FunctionSignatures;

/** The table's type: each row typed by its generated argument and result types (function-types.ts). */
export type FunctionTable = {
  readonly [N in FunctionName]: FunctionSpec<FunctionSignatures[N]["args"], FunctionSignatures[N]["result"]>;
};

/**
 * What a read of a live account shows: every field the service holds (not `adopt`, a provider setting).
 * Only the id is always there: the service leaves out fields a read's filter did not ask for.
 */
const LIVE_ACCOUNT_PROPERTIES: Readonly<Record<string, FunctionOutput>> = Object.fromEntries(
  OFFICIAL_ACCOUNT_FIELDS.filter((field) => field.lifecycle !== "provider").map((field) => [
    field.name,
    { type: field.type, description: field.description, always: field.rule.kind === "officialAccountId" },
  ]),
);

/** The object types the functions return, by name. */
export const FUNCTION_OBJECT_TYPES: Readonly<Record<FunctionObjectType, FunctionObjectTypeSpec>> = {
  OfficialAccountInfo: {
    description: "An official account as the service reports it; fields it did not return are absent.",
    properties: LIVE_ACCOUNT_PROPERTIES,
  },
  SubscribedOfficialAccount: {
    description: "An official account a user subscribes to, with that user's own subscription fields.",
    properties: {
      ...LIVE_ACCOUNT_PROPERTIES,
      subscribeTime: { type: "integer", description: "When the user subscribed, Unix seconds.", always: false },
      selfCustomString: {
        type: "string",
        description: "The subscription's own custom string (not the account's).",
        always: false,
      },
    },
  },
};

const ID_LIST = listArgument(OFFICIAL_ACCOUNT_ID_ARGUMENT, "official-account ids");
const ACCOUNT_FIELD_LIST = listArgument(
  oneOfArgument(BASE_INFO_FILTER_FIELDS),
  `account field names (${BASE_INFO_FILTER_FIELDS.join(", ")})`,
);
const SELF_FIELD_LIST = listArgument(
  oneOfArgument(SELF_INFO_FILTER_FIELDS),
  `field names (${SELF_INFO_FILTER_FIELDS.join(", ")})`,
);

/** THE FUNCTION TABLE, one row per lookup, in the order the schema and the README list them. */
export const FUNCTIONS: FunctionTable = {
  getOfficialAccount: {
    description: "Reads one existing official account; fails when it does not exist.",
    inputs: {
      officialAccountUserId: {
        type: "string",
        required: true,
        description: "The id of the account to read (`@TOA#_...`).",
        rule: OFFICIAL_ACCOUNT_ID_ARGUMENT,
      },
    },
    result: { object: "OfficialAccountInfo", description: "The account as the service reports it." },
    exampleTitle: "Read one account",
    behaviour: readOfficialAccount,
  },
  getOfficialAccounts: {
    description: "Reads many existing official accounts at once (50 per API call); missing ones are listed.",
    inputs: {
      officialAccountUserIds: {
        type: { listOf: "string" },
        required: true,
        description: "Ids to read; any number.",
        rule: ID_LIST,
      },
    },
    result: {
      outputs: {
        accounts: {
          type: { listOf: { object: "OfficialAccountInfo" } },
          description: "The accounts that exist, in the order asked for.",
          always: true,
        },
        missingIds: {
          type: { listOf: "string" },
          description: "Ids that do not exist or were destroyed.",
          always: true,
        },
      },
    },
    exampleTitle: "Read several accounts",
    behaviour: readOfficialAccounts,
  },
  getSubscribedOfficialAccounts: {
    description: "Lists every official account a user subscribes to, following the API's pages to the end.",
    inputs: {
      subscriberAccount: {
        type: "string",
        required: true,
        description: "UserID of the subscriber.",
        rule: USER_ID_ARGUMENT,
      },
      fields: {
        type: { listOf: { oneOf: "BaseInfoFilterField" } },
        required: false,
        description: `Account fields to return (default all): ${BASE_INFO_FILTER_FIELDS.join(", ")}.`,
        rule: ACCOUNT_FIELD_LIST,
      },
      selfFields: {
        type: { listOf: { oneOf: "SelfInfoFilterField" } },
        required: false,
        description: `The subscriber's own fields to return (default all): ${SELF_INFO_FILTER_FIELDS.join(", ")}.`,
        rule: SELF_FIELD_LIST,
      },
    },
    result: {
      outputs: {
        subscriberAccount: { type: "string", description: "UserID of the subscriber.", always: true },
        accounts: {
          type: { listOf: { object: "SubscribedOfficialAccount" } },
          description: "Every account the user subscribes to, all pages followed.",
          always: true,
        },
        totalCount: { type: "integer", description: "How many accounts the user subscribes to.", always: true },
      },
    },
    exampleTitle: "List a user's subscriptions",
    behaviour: listSubscribedOfficialAccounts,
  },
};

/** The table's names, in its order. */
export const FUNCTION_NAMES = Object.keys(FUNCTIONS).filter(isFunctionName);

/** True when `name` is a row of the function table. */
export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTIONS, name);
}

/** True when `args` follow the row's inputs, so they may be typed as its arguments; else `failures` says why. */
function fitsInputs<A, R>(
  name: FunctionName,
  spec: FunctionSpec<A, R>,
  args: unknown,
  failures: InputFailure[],
): args is A {
  failures.push(...argumentProblems(name, spec.inputs, args));
  return failures.length === 0;
}

function invokeRow<A, R>(api: OfficialAccountsApi, name: FunctionName, spec: FunctionSpec<A, R>, args: unknown) {
  const failures: InputFailure[] = [];
  if (!fitsInputs(name, spec, args, failures)) throw new FunctionArgumentsError(name, failures);
  return spec.behaviour(api, args);
}

/**
 * Runs the function `name` on arguments of unknown shape (a program's call, an
 * Invoke from any language): they are checked against its row's inputs first,
 * rejecting (never throwing) with a FunctionArgumentsError that names every bad argument.
 */
export async function invokeFunction<N extends FunctionName>(
  api: OfficialAccountsApi,
  name: N,
  args: unknown,
): Promise<FunctionSignatures[N]["result"]> {
  return invokeRow(api, name, FUNCTIONS[name], args);
}
