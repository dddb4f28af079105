/**
 * account_import and multiaccount_import: the emulator only needs to know
 * which UserIDs exist, because owners and subscribers must be imported.
 * These commands answer 70402 for bad parameters, as the account service does.
 */
import { UserImportCommand } from "../../chat-api/commands";
import { ErrorCode } from "../../chat-api/error-codes";
import { userIdProblem } from "../../chat-api/field-rules";
import { MAX_USERS_PER_IMPORT } from "../../chat-api/limits";
import { CommandFailure } from "../failure";
import type { Handler } from "./context";

/** Why `value` cannot be imported as a UserID (the one UserID rule), or undefined. */
export function importProblem(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return "UserID is required: a non-empty string";
  return userIdProblem("UserID", value);
}

/** account_import: imports one UserID (again is fine). */
export const accountImport: Handler<typeof UserImportCommand.importOne> = (body, ctx) => {
  const problem = importProblem(body.UserID);
  if (problem) throw new CommandFailure(ErrorCode.importInvalidParameter, problem);
  ctx.state.importUser(body.UserID as string);
  return {};
};

/** multiaccount_import: imports up to 100 UserIDs; the ones the UserID rule refuses come back in FailAccounts. */
export const multiAccountImport: Handler<typeof UserImportCommand.importMany> = (body, ctx) => {
  const users = body.Accounts;
  if (!Array.isArray(users) || users.length === 0 || users.length > MAX_USERS_PER_IMPORT) {
    throw new CommandFailure(
      ErrorCode.importInvalidParameter,
      `Accounts is required: an array of 1 to ${MAX_USERS_PER_IMPORT} UserIDs`,
    );
  }
  if (!users.every((user) => typeof user === "string")) {
    throw new CommandFailure(ErrorCode.importInvalidParameter, "Accounts must contain only strings");
  }
  const refused: string[] = [];
  for (const user of users as string[]) {
    if (importProblem(user)) refused.push(user);
    else ctx.state.importUser(user);
  }
  return { FailAccounts: refused };
};
