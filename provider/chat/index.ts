/**
 * The Tencent Cloud Chat REST client for official accounts. Knows nothing of
 * Pulumi: the provider, the lookups, the demo and the tests all build on it.
 * Methods take and return camelCase; the wire shapes, the command table, the
 * error-code table and UserSig signing are the contract in chat-api/.
 */
export type {
  CreateResult,
  GetSubscribersOptions,
  ListSubscribedOptions,
  NewOfficialAccount,
  OfficialAccountInfo,
  OfficialAccountProfile,
  SubscribedOfficialAccount,
  SubscribedPage,
  Subscriber,
  SubscribersPage,
} from "./account-types";
export {
  abortableSleep,
  currentCallObserver,
  observingCalls,
  SLOW_CALL_NOTICE_MS,
  type CallObserver,
  type RetryNotice,
  type SlowCallNotice,
} from "./call-observer";
export { ChatClient, DEFAULT_TIMEOUT_MS, type CallOptions, type ChatClientOptions } from "./client";
export { ChatApiError, hasChatErrorCode, type ChatApiErrorInit } from "./errors";
export { OfficialAccountsApi, type InfoResult, type OfficialAccountsApiOptions } from "./official-accounts";
export { packageVersion } from "../package-info";
export {
  DEFAULT_CALLS_PER_SECOND,
  RATE_LIMIT_BURST,
  RateLimitWaitAborted,
  sharedRateLimiter,
  type RateLimiter,
} from "./rate-limit";
export { DEFAULT_BATCH_MAX_WAIT_MS, DEFAULT_BATCH_WINDOW_MS, ReadBatcher } from "./read-batcher";
export {
  CHAT_REGION_DOMAINS,
  CHAT_REGIONS,
  DEFAULT_REGION,
  isLoopbackHost,
  regionBaseUrl,
  resolveBaseUrl,
  type ChatRegion,
} from "./regions";
export {
  backoffDelayMs,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TOTAL_DEADLINE_MS,
  withRetries,
  type RetryKind,
  type RetryPolicy,
} from "./retry";
