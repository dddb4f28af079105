/**
 * The Tencent Cloud Chat REST client for official accounts. Knows nothing of
 * Pulumi: the provider, the lookups, the demo and the tests all build on it.
 *
 * Wire shapes (PascalCase) are exported only as types under `ApiTypes`, for
 * tools that speak the raw API; the methods above take and return camelCase.
 */
export type * as ApiTypes from "./api-types";
export * from "./client";
export * from "./commands";
export * from "./errors";
export * from "./limits";
export * from "./official-accounts";
export * from "./package-info";
export * from "./rate-limit";
export * from "./read-batcher";
export * from "./redact";
export * from "./regions";
export * from "./retry";
export * from "./user-sig";
export * from "./user-sig-cache";
