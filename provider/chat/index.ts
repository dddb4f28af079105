/**
 * The Tencent Cloud Chat REST client for official accounts. Knows nothing of
 * Pulumi: the provider, the lookups, the demo and the tests all build on it.
 *
 * Wire shapes (PascalCase) are deliberately not exported from here; import
 * `./api-types` directly where the raw API is the point (the emulator).
 */
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
