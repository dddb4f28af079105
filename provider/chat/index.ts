/**
 * The Tencent Cloud Chat REST client for official accounts. Knows nothing of
 * Pulumi: the provider, the lookups, the demo and the tests all build on it.
 * Methods take and return camelCase; the wire shapes, the command table, the
 * error-code table and UserSig signing are the contract in chat-api/.
 *
 * This index holds what the provider and the scripts use; the client's
 * building blocks (options, retries, rate limit, regions, read batching)
 * are imported from their own modules. Importing it loads the whole client
 * (axios, UserSig signing): code that runs before the native plugin prints
 * its port imports single modules instead (call-observer.ts, redact.ts).
 */
export type {
  NewOfficialAccount,
  OfficialAccountInfo,
  OfficialAccountProfile,
  SubscribedOfficialAccount,
} from "./account-types";
export { ChatClient } from "./client";
export { ChatApiError } from "./errors";
export { OfficialAccountsApi } from "./official-accounts";
