/**
 * The control API's writes: import users, and put or patch an account
 * "behind the provider's back" (a console edit, an account made by hand), so
 * a drift rehearsal is one request. They check values with the same field
 * rules as the commands, but need no UserSig and ignore faults and the rate
 * limit. A problem is thrown as a {@link CommandFailure}; the control API
 * answers it with 400 and the message.
 */
import { officialAccountIdGuessProblem } from "../chat-api/field-rules";
import { ACCOUNT_INPUT_FIELDS, ID_FIELD, UPDATABLE_FIELDS } from "../chat-api/official-account-fields";
import { invalidParameter } from "./failure";
import { importProblem } from "./handlers/accounts";
import { outputsAtCreation, requireAccount, requireImported } from "./handlers/official-accounts";
import type { AccountPatch, AccountRecord, ChatState, AccountSnapshot } from "./state";
import { accountFields, type Body } from "./validate";

/** Fields a put may set: every input field with a wire name but the id, which is in the path. */
const PUT_FIELDS = ACCOUNT_INPUT_FIELDS.filter((field) => field !== ID_FIELD);
const PUT_NAMES = new Set(PUT_FIELDS.map((field) => field.wireName!));
const PATCH_NAMES = new Set(UPDATABLE_FIELDS.map((field) => field.wireName!));

function asBody(body: unknown, what: string): Body {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalidParameter(`${what} needs a JSON object body`);
  }
  return body as Body;
}

function refuseUnknown(body: Body, allowed: ReadonlySet<string>, what: string): void {
  for (const key of Object.keys(body)) {
    if (!allowed.has(key)) throw invalidParameter(`${what}: ${key} is not one of ${[...allowed].join(", ")}`);
  }
}

function checkedId(id: string): string {
  const problem = officialAccountIdGuessProblem(id, "the account id in the path");
  if (problem) throw invalidParameter(problem);
  return id;
}

function snapshotOf(state: ChatState, id: string): AccountSnapshot {
  return { ...requireAccount(state, id), SubscriberNum: state.subscriberCount(id) };
}

/** `POST /__emulator/users` `{"users": ["alice", ...]}`: imports them (as account_import does); returns every user. */
export function importUsers(state: ChatState, body: unknown): { users: string[] } {
  const users = asBody(body, "POST /__emulator/users").users;
  if (!Array.isArray(users) || users.length === 0) {
    throw invalidParameter('POST /__emulator/users needs {"users": ["<UserID>", ...]}');
  }
  for (const user of users) {
    const problem = importProblem(user);
    if (problem) throw invalidParameter(`${JSON.stringify(user)} cannot be imported: ${problem}`);
  }
  for (const user of users as string[]) state.importUser(user);
  return { users: state.snapshot().users };
}

/**
 * `PUT /__emulator/accounts/<id>`: the account as the body gives it (wire names, `Owner_Account` and
 * `Name` required, the rest defaulted), created or replaced whole. The owner must be imported.
 */
export function putAccount(state: ChatState, id: string, body: unknown, nowSeconds: number): AccountSnapshot {
  const fields = asBody(body, "PUT /__emulator/accounts/<id>");
  refuseUnknown(fields, PUT_NAMES, "PUT /__emulator/accounts/<id>");
  checkedId(id);
  const given = accountFields(fields, PUT_FIELDS, true);
  requireImported(state, given.Owner_Account as string, "Owner_Account");
  const defaults = Object.fromEntries(PUT_FIELDS.map((field) => [field.wireName!, field.default ?? ""]));
  const record = { ...defaults, ...given, Official_Account: id } as Omit<AccountRecord, "CreateTime" | "LastMsgTime">;
  if (state.getAccount(id)) state.replaceAccount(record);
  else state.createAccount({ ...record, ...outputsAtCreation(nowSeconds) });
  return snapshotOf(state, id);
}

/** `PATCH /__emulator/accounts/<id>`: changes the fields modify_official_account_base_info could. */
export function patchAccount(state: ChatState, id: string, body: unknown): AccountSnapshot {
  const fields = asBody(body, "PATCH /__emulator/accounts/<id>");
  refuseUnknown(fields, PATCH_NAMES, "PATCH /__emulator/accounts/<id>");
  requireAccount(state, checkedId(id));
  state.modifyAccount(id, accountFields(fields, UPDATABLE_FIELDS, false) as AccountPatch);
  return snapshotOf(state, id);
}
