/**
 * What the serialized provider shim requires at run time, by package name
 * (`pulumi-tencent-chat/provider-runtime`, package.json's exports). Keep this
 * module's exports stable: shims stored in existing stacks' state call them.
 * Its clients come from the shared client cache (a real module, not a
 * serialized closure, so the cache survives between methods).
 */
import type { OfficialAccountsApi } from "../chat";
import { sharedOfficialAccountsApi } from "../behaviour/client-cache";
import { OfficialAccountCreatedButUnreadError } from "../behaviour/errors";
import { OfficialAccountProvider } from "../behaviour/official-account/provider";
import { resolveChatSettings, type ConfigLookup } from "../behaviour/settings";

/**
 * A provider reading its settings from `config` (the dynamic `configure`
 * hook's stack config) with `TENCENTCHAT_*` environment variables as the
 * fallback. Settings are resolved on the first API call, so `check` and
 * `diff` (and so `pulumi preview`) need no credentials.
 */
export function officialAccountProvider(config?: { get(key: string): string | undefined }): OfficialAccountProvider {
  const lookup: ConfigLookup = (key) => config?.get(key);
  let api: OfficialAccountsApi | undefined;
  return new OfficialAccountProvider(() => (api ??= sharedOfficialAccountsApi(resolveChatSettings(lookup))));
}

const PROVIDER_METHODS = ["check", "diff", "create", "read", "update", "delete"] as const;

/**
 * Called by the serialized shim's `configure` (see official-account.ts):
 * gives the shim the methods of a provider reading `config`, so the text
 * stored in state stays one method long.
 */
export function configureShim(shim: Record<string, unknown>, config?: { get(key: string): string | undefined }): void {
  const provider = officialAccountProvider(config);
  for (const method of PROVIDER_METHODS) shim[method] = provider[method].bind(provider);
  shim.create = (props: Record<string, unknown>) =>
    provider.create(props).catch((error: unknown) => {
      // The dynamic host records a partial create's properties as given: keep the serialized provider in
      // them, as its successful creates do, so later reads and deletes of the resource find their code.
      if (error instanceof OfficialAccountCreatedButUnreadError) error.properties.__provider = props.__provider;
      throw error;
    });
}
