/**
 * Lookups of existing official accounts, for use in a Pulumi program (the
 * dynamic front door). They run in the program (not the provider process)
 * with the same settings as the resource:
 * `tencentchat:` stack config first, `TENCENTCHAT_*` environment variables
 * second.
 */
import * as pulumi from "@pulumi/pulumi";
import type { SelfInfoFilterField } from "../../chat-api/limits";
import type { BaseInfoFilterField } from "../../chat-api/official-account-fields";
import type { OfficialAccountInfo, SubscribedOfficialAccount } from "../chat";
import { resolveChatSettings } from "../behaviour/settings";
import {
  lookUpOfficialAccount,
  lookUpOfficialAccounts,
  lookUpSubscribedOfficialAccounts,
  type GetOfficialAccountArgs,
  type GetOfficialAccountsArgs,
  type GetOfficialAccountsResult,
  type GetSubscribedOfficialAccountsArgs,
  type GetSubscribedOfficialAccountsResult,
} from "../behaviour/official-account/lookups";
import { sharedOfficialAccountsApi } from "../behaviour/client-cache";

export type { OfficialAccountInfo, SubscribedOfficialAccount, BaseInfoFilterField, SelfInfoFilterField };
export type {
  GetOfficialAccountArgs,
  GetOfficialAccountsArgs,
  GetOfficialAccountsResult,
  GetSubscribedOfficialAccountsArgs,
  GetSubscribedOfficialAccountsResult,
};

function api() {
  // runtime.getConfig reads the stack's (decrypted) config without Config's secret-usage warnings.
  return sharedOfficialAccountsApi(resolveChatSettings((key) => pulumi.runtime.getConfig(key)));
}

/** Reads one existing official account; fails when it does not exist. */
export async function getOfficialAccount(args: GetOfficialAccountArgs): Promise<OfficialAccountInfo> {
  return lookUpOfficialAccount(api(), args);
}

/** Reads many existing official accounts at once (50 per API call); missing ones are listed, not fatal. */
export async function getOfficialAccounts(args: GetOfficialAccountsArgs): Promise<GetOfficialAccountsResult> {
  return lookUpOfficialAccounts(api(), args);
}

/** Lists every official account a user subscribes to, following the API's pages to the end. */
export async function getSubscribedOfficialAccounts(
  args: GetSubscribedOfficialAccountsArgs,
): Promise<GetSubscribedOfficialAccountsResult> {
  return lookUpSubscribedOfficialAccounts(api(), args);
}

/**
 * Runs a lookup on its resolved inputs once the resources those inputs come from exist, as
 * Pulumi's own output-form invokes do: in a preview, an input taken from a resource still to be
 * created makes the result unknown, instead of reading an account that does not exist yet (130004).
 */
function lookupOutput<A, R>(args: pulumi.Inputs, lookUp: (resolved: A) => Promise<R>): pulumi.Output<R> {
  const dependencyIds = pulumi.output(
    pulumi.runtime.serializeResourceProperties("tencentchat lookup", args).then(([, dependencies]) =>
      [...dependencies.values()]
        .flatMap((resources) => [...resources])
        .filter((resource) => pulumi.CustomResource.isInstance(resource))
        // DependencyResources carry no id.
        .flatMap((resource) => (resource.id === undefined ? [] : [resource.id])),
    ),
  );
  return pulumi.all([pulumi.output(args), dependencyIds]).apply(([resolved]) => lookUp(resolved as A));
}

/** {@link getOfficialAccount} taking Pulumi inputs. */
export function getOfficialAccountOutput(args: pulumi.Inputs & { officialAccountUserId: pulumi.Input<string> }) {
  return lookupOutput(args, getOfficialAccount);
}

/** {@link getOfficialAccounts} taking Pulumi inputs. */
export function getOfficialAccountsOutput(args: { officialAccountUserIds: pulumi.Input<pulumi.Input<string>[]> }) {
  return lookupOutput(args, getOfficialAccounts);
}

/** {@link getSubscribedOfficialAccounts} taking Pulumi inputs. */
export function getSubscribedOfficialAccountsOutput(args: {
  subscriberAccount: pulumi.Input<string>;
  fields?: pulumi.Input<BaseInfoFilterField[]>;
  selfFields?: pulumi.Input<SelfInfoFilterField[]>;
}) {
  return lookupOutput(args, getSubscribedOfficialAccounts);
}
