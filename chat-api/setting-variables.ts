/**
 * The environment variable of each provider setting, written once. The settings table
 * (provider/behaviour/settings.ts) takes every row's `envVar` from here, and the emulator's CLI,
 * which may import only this contract, finds a running emulator through the endpoint's variable
 * just as the provider does. Adding a setting adds its variable here and its row there; the
 * table does not compile while the two disagree.
 */

/** The stack config namespace of every setting (`tencentchat:sdkAppId`). */
export const CONFIG_NAMESPACE = "tencentchat";

/** Each setting's environment variable, keyed by the setting's key (`tencentchat:<key>`). */
export const SETTING_ENV_VARS = {
  sdkAppId: "TENCENTCHAT_SDKAPPID",
  identifier: "TENCENTCHAT_IDENTIFIER",
  secretKey: "TENCENTCHAT_SECRET_KEY",
  region: "TENCENTCHAT_REGION",
  endpoint: "TENCENTCHAT_ENDPOINT",
  allowInsecureHttp: "TENCENTCHAT_ALLOW_INSECURE_HTTP",
  callsPerSecond: "TENCENTCHAT_CALLS_PER_SECOND",
} as const;
