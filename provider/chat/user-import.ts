/**
 * Importing Chat users (multiaccount_import), so they can own or
 * subscribe to official accounts: the tests and the demo use it.
 */
import { UserImportCommand } from "../../chat-api/commands";
import { ErrorCode } from "../../chat-api/error-codes";
import { MAX_USERS_PER_IMPORT } from "../../chat-api/limits";
import type { ChatClient } from "./client";
import { ChatApiError } from "./errors";
import { chunks } from "./chunks";

/** Imports UserIDs, up to 100 per call; throws naming every UserID the service refused. */
export async function importUsers(client: ChatClient, userIds: readonly string[]): Promise<void> {
  const command = UserImportCommand.importMany;
  const failed: string[] = [];
  for (const part of chunks([...new Set(userIds)], MAX_USERS_PER_IMPORT)) {
    const response = await client.call(command, { Accounts: part });
    failed.push(...(response.FailAccounts ?? []).map(String));
  }
  if (failed.length > 0) {
    throw new ChatApiError({
      code: ErrorCode.partialFailure,
      command,
      info: `these users were not imported: ${failed.join(", ")}`,
    });
  }
}
