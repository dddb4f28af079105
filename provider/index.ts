/**
 * pulumi-tencent-chat: Tencent Cloud Chat official accounts as Pulumi resources.
 */
export { OfficialAccount, type OfficialAccountArgs, type OfficialAccountOutputs } from "./dynamic/official-account";
// The lookups and their types, generated from the function table (provider/behaviour/official-account/functions.ts).
export * from "./dynamic/lookups";
export { CONFIG_NAMESPACE, CHAT_SETTINGS, ChatConfigError, type ChatSettings } from "./behaviour/settings";
