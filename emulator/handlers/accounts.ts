/**
 * account_import and multiaccount_import: the emulator only needs to know
 * which UserIDs exist, because owners and subscribers must be imported.
 * These commands answer 70402 for bad parameters, as the account service does.
 */
import { USER_ID_MAX_BYTES, utf8Bytes } from "../../provider/chat/limits";
import { ChatError, Code } from "../codes";
import type { Handler } from "./context";

/** The vendor's limit of accounts per multiaccount_import call. */
export const MAX_ACCOUNTS_PER_IMPORT = 100;

function validUserId(value: unknown): value is string {
  return typeof value === "string" && value !== "" && utf8Bytes(value) <= USER_ID_MAX_BYTES;
}

export const accountImport: Handler = (body, ctx) => {
  const userId = body.UserID;
  if (!validUserId(userId)) {
    throw new ChatError(Code.importInvalidParameter, `UserID is required: a string of 1 to ${USER_ID_MAX_BYTES} bytes`);
  }
  ctx.state.importUser(userId);
  return {};
};

export const multiAccountImport: Handler = (body, ctx) => {
  const accounts = body.Accounts;
  if (!Array.isArray(accounts) || accounts.length === 0 || accounts.length > MAX_ACCOUNTS_PER_IMPORT) {
    throw new ChatError(
      Code.importInvalidParameter,
      `Accounts is required: an array of 1 to ${MAX_ACCOUNTS_PER_IMPORT} UserIDs`,
    );
  }
  if (!accounts.every((a) => typeof a === "string")) {
    throw new ChatError(Code.importInvalidParameter, "Accounts must contain only strings");
  }
  const failAccounts: string[] = [];
  for (const account of accounts as string[]) {
    if (validUserId(account)) ctx.state.importUser(account);
    else failAccounts.push(account);
  }
  return { FailAccounts: failAccounts };
};
