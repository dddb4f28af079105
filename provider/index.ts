/**
 * pulumi-tencent-chat: Tencent Cloud Chat official accounts as Pulumi resources.
 */
export { OfficialAccount, type OfficialAccountArgs, type OfficialAccountOutputs } from "./dynamic/official-account";
export {
  getOfficialAccount,
  getOfficialAccountOutput,
  getOfficialAccounts,
  getOfficialAccountsOutput,
  getSubscribedOfficialAccounts,
  getSubscribedOfficialAccountsOutput,
  type GetOfficialAccountArgs,
  type GetOfficialAccountsArgs,
  type GetOfficialAccountsResult,
  type GetSubscribedOfficialAccountsArgs,
  type GetSubscribedOfficialAccountsResult,
  type OfficialAccountInfo,
  type SubscribedOfficialAccount,
  type BaseInfoFilterField,
  type SelfInfoFilterField,
} from "./dynamic/lookups";
export { CONFIG_NAMESPACE, CHAT_SETTINGS, ChatConfigError, type ChatSettings } from "./behaviour/settings";
