/**
 * pulumi-tencent-chat: Tencent Cloud Chat official accounts as Pulumi resources.
 */
export { OfficialAccount, type OfficialAccountArgs, type OfficialAccountOutputs } from "./dynamic/official-account";
// The lookups and their types, generated from the function table (provider/behaviour/official-account/functions.ts).
export * from "./dynamic/lookups";
export { CONFIG_NAMESPACE, SETTING_SOURCES, ChatConfigError, type ChatSettings } from "./behaviour/settings";
