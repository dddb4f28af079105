/**
 * `pulumi-tencent-chat/native`: the typed TypeScript surface of the native
 * `tencentchat` provider plugin (install it with
 * `npx pulumi-tencent-chat install-plugin`). Same inputs, outputs and
 * behaviour as the dynamic `OfficialAccount`, plus explicit `Provider`
 * instances (one per Chat app), `pulumi import`, and state with no code.
 *
 * Hand-written rather than `pulumi package gen-sdk --language nodejs`: the
 * Node.js language host this project builds (v3.68) cannot generate packages,
 * and this file is small enough to keep typed from the same tables (the
 * arguments and outputs, and the Provider's arguments, are
 * official-account-types.ts, generated from the field and settings tables).
 */
import * as pulumi from "@pulumi/pulumi";
import { OFFICIAL_ACCOUNT_FIELDS } from "../../chat-api/official-account-fields";
import type {
  GetOfficialAccountArgs,
  GetOfficialAccountsArgs,
  GetOfficialAccountsResult,
  GetSubscribedOfficialAccountsArgs,
  GetSubscribedOfficialAccountsResult,
} from "../behaviour/official-account/lookups";
import type { OfficialAccountInfo } from "../chat";
import type { OfficialAccountArgs, OfficialAccountOutputs, ProviderArgs } from "../behaviour/official-account/types";
import { packageVersion } from "../package-info";
import { FUNCTION_TOKENS, OFFICIAL_ACCOUNT_TOKEN, PLUGIN_DOWNLOAD_URL, SCHEMA_PACKAGE } from "./schema";

/**
 * Options with this package's version and the plugin's download location, as generated SDKs set them:
 * the engine loads the matching plugin from the plugin cache (`install-plugin`), or downloads that
 * version's self-contained executable from the project's releases when none is installed.
 */
function versioned<T extends { version?: string; pluginDownloadURL?: string }>(opts: T | undefined): T {
  return {
    ...opts,
    version: opts?.version ?? packageVersion(),
    pluginDownloadURL: opts?.pluginDownloadURL ?? PLUGIN_DOWNLOAD_URL,
  } as T;
}

export type {
  ProviderArgs,
  OfficialAccountArgs,
  OfficialAccountOutputs,
  OfficialAccountInfo,
  GetOfficialAccountArgs,
  GetOfficialAccountsArgs,
  GetOfficialAccountsResult,
  GetSubscribedOfficialAccountsArgs,
  GetSubscribedOfficialAccountsResult,
};

/**
 * A `tencentchat` provider instance: one Chat app. Pass it as `{ provider }`
 * to manage several apps (staging and production, two regions) in one program.
 */
export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: ProviderArgs = {}, opts: pulumi.ResourceOptions = {}) {
    super(
      SCHEMA_PACKAGE,
      name,
      { ...args, secretKey: args.secretKey === undefined ? undefined : pulumi.secret(args.secretKey) },
      versioned(opts),
    );
  }
}

/**
 * A Tencent Cloud Chat official account, served by the native plugin.
 * Import an existing one with
 * `pulumi import tencentchat:index:OfficialAccount <name> '@TOA#_...'`.
 */
// The outputs are declared once, from the field table, for both front doors; merged here, not redeclared.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface OfficialAccount extends OfficialAccountOutputs {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class OfficialAccount extends pulumi.CustomResource {
  /** Looks up an existing account by id (read-only in this program). */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): OfficialAccount {
    return new OfficialAccount(name, undefined, { ...opts, id });
  }

  constructor(name: string, args: OfficialAccountArgs | undefined, opts?: pulumi.CustomResourceOptions) {
    // Every field of the table is listed, so each output property is filled in.
    const props: pulumi.Inputs = Object.fromEntries(OFFICIAL_ACCOUNT_FIELDS.map((field) => [field.name, undefined]));
    if (!opts?.id) Object.assign(props, args ?? {});
    super(OFFICIAL_ACCOUNT_TOKEN, name, props, versioned(opts));
  }
}

/** Reads one existing official account through the plugin; fails when it does not exist. */
export function getOfficialAccount(
  args: GetOfficialAccountArgs,
  opts?: pulumi.InvokeOptions,
): Promise<OfficialAccountInfo> {
  return pulumi.runtime.invoke(FUNCTION_TOKENS.getOfficialAccount, { ...args }, versioned(opts));
}

/** {@link getOfficialAccount} taking Pulumi inputs. */
export function getOfficialAccountOutput(
  args: { officialAccountUserId: pulumi.Input<string> },
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<OfficialAccountInfo> {
  return pulumi.runtime.invokeOutput(FUNCTION_TOKENS.getOfficialAccount, { ...args }, versioned(opts));
}

/** Reads many existing official accounts at once (50 per API call); missing ones are listed, not fatal. */
export function getOfficialAccounts(
  args: GetOfficialAccountsArgs,
  opts?: pulumi.InvokeOptions,
): Promise<GetOfficialAccountsResult> {
  return pulumi.runtime.invoke(FUNCTION_TOKENS.getOfficialAccounts, { ...args }, versioned(opts));
}

/** {@link getOfficialAccounts} taking Pulumi inputs. */
export function getOfficialAccountsOutput(
  args: { officialAccountUserIds: pulumi.Input<pulumi.Input<string>[]> },
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetOfficialAccountsResult> {
  return pulumi.runtime.invokeOutput(FUNCTION_TOKENS.getOfficialAccounts, { ...args }, versioned(opts));
}

/** Lists every official account a user subscribes to, following the API's pages to the end. */
export function getSubscribedOfficialAccounts(
  args: GetSubscribedOfficialAccountsArgs,
  opts?: pulumi.InvokeOptions,
): Promise<GetSubscribedOfficialAccountsResult> {
  return pulumi.runtime.invoke(FUNCTION_TOKENS.getSubscribedOfficialAccounts, { ...args }, versioned(opts));
}

/** {@link getSubscribedOfficialAccounts} taking Pulumi inputs. */
export function getSubscribedOfficialAccountsOutput(
  args: {
    subscriberAccount: pulumi.Input<string>;
    fields?: pulumi.Input<GetSubscribedOfficialAccountsArgs["fields"]>;
    selfFields?: pulumi.Input<GetSubscribedOfficialAccountsArgs["selfFields"]>;
  },
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetSubscribedOfficialAccountsResult> {
  return pulumi.runtime.invokeOutput(FUNCTION_TOKENS.getSubscribedOfficialAccounts, { ...args }, versioned(opts));
}
