/**
 * The control API's writes: import users, and put or patch an account
 * "behind the provider's back" (a console edit, an account made by hand), so
 * a drift rehearsal is one request. They check values with the same field
 * rules as the commands, but need no UserSig and ignore faults and the rate
 * limit. A problem is thrown as a {@link CommandFailure}; the control API
 * answers it with 400 and the message.
 */
import { UPDATABLE_FIELDS } from "../chat-api/official-account-fields";
import { invalidParameter } from "./failure";
import { importProblem } from "./handlers/user-import";
import { CREATE_FIELDS, outputsAtCreation, requireAccount, requireImported } from "./handlers/official-accounts";
import type { AccountInputRecord, AccountPatch, ChatState, AccountSnapshot } from "./state";
import { accountFields, checkAccountId, type Body } from "./validate";

/** A put sets what create_official_account sets (the id is in the path); a patch what a modify may change. */
const PUT_NAMES = new Set(CREATE_FIELDS.map((field) => field.wireName!));
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

/** The name problems with the path's id are reported under. */
const PATH_ID = "the account id in the path";

function snapshotOf(state: ChatState, id: string): AccountSnapshot {
  requireAccount(state, id);
  return state.accountSnapshot(id)!;
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
  checkAccountId(id, PATH_ID);
  const given = accountFields(fields, CREATE_FIELDS, true);
  requireImported(state, given.Owner_Account as string, "Owner_Account");
  const defaults = Object.fromEntries(CREATE_FIELDS.map((field) => [field.wireName!, field.default ?? ""]));
  const record = { ...defaults, ...given, Official_Account: id } as AccountInputRecord;
  if (state.getAccount(id)) state.replaceAccount(record);
  else state.createAccount({ ...record, ...outputsAtCreation(nowSeconds) });
  return snapshotOf(state, id);
}

/** `PATCH /__emulator/accounts/<id>`: changes the fields modify_official_account_base_info could. */
export function patchAccount(state: ChatState, id: string, body: unknown): AccountSnapshot {
  const fields = asBody(body, "PATCH /__emulator/accounts/<id>");
  refuseUnknown(fields, PATCH_NAMES, "PATCH /__emulator/accounts/<id>");
  requireAccount(state, checkAccountId(id, PATH_ID));
  state.modifyAccount(id, accountFields(fields, UPDATABLE_FIELDS, false) as AccountPatch);
  return snapshotOf(state, id);
}
