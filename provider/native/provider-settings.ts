/**
 * The native provider's own configuration: the `tencentchat:` stack config of
 * a default provider, or the arguments of an explicit `Provider` resource.
 * Both arrive as provider inputs named like the settings table; each falls
 * back to its TENCENTCHAT_* variable, exactly as the dynamic front door does.
 * Which inputs are settings, which are secrets and how each is read and
 * checked all come from the table (provider/behaviour/settings.ts).
 */
import {
  CONFIG_NAMESPACE,
  providerArgumentNaming,
  readChatSettings,
  SETTING_KEYS,
  settingSpec,
  STACK_CONFIG_NAMING,
  type ConfigLookup,
  type SettingNaming,
} from "../behaviour/settings";
import type { InputFailure } from "../behaviour/official-account/validation";
import { asSecret, unwrapSecrets } from "./property-values";
import type { Props } from "../behaviour/props";

/** Inputs the engine itself adds to provider inputs. */
const ENGINE_KEYS = new Set(["version", "pluginDownloadURL"]);

/** Stack config is text; program arguments may be numbers or booleans: the resolver reads text. */
function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A config lookup (`tencentchat:sdkAppId`) over provider inputs, secrets unwrapped. */
export function configLookupFrom(inputs: Props): ConfigLookup {
  const plain = unwrapSecrets(inputs) as Props;
  return (key) => {
    const prefix = `${CONFIG_NAMESPACE}:`;
    return key.startsWith(prefix) ? asText(plain[key.slice(prefix.length)]) : undefined;
  };
}

/**
 * How messages name this provider's settings: a default provider (`default`, `default_0_1_0`) reads
 * the stack's `tencentchat:*` config; an explicit one takes arguments in the program. `urn` is the
 * provider's own URN, as CheckConfig and Configure receive it.
 */
export function settingNamingFor(urn: string | undefined): SettingNaming {
  const name = urn?.split("::").pop();
  return !name || /^default(_|$)/.test(name) ? STACK_CONFIG_NAMING : providerArgumentNaming(name);
}

/**
 * Problems with the provider's settings, each on its own key. A setting left
 * out is not a problem here (it may come from the environment when the API is
 * first called, and `pulumi preview` of inputs needs no credentials); a
 * malformed or unknown one is.
 */
export function checkProviderSettings(
  inputs: Props,
  env: NodeJS.ProcessEnv = process.env,
  naming: SettingNaming = STACK_CONFIG_NAMING,
): InputFailure[] {
  const failures: InputFailure[] = [];
  for (const key of Object.keys(inputs)) {
    if (!(SETTING_KEYS as readonly string[]).includes(key) && !ENGINE_KEYS.has(key)) {
      failures.push({
        property: key,
        reason: `${key} is not a ${CONFIG_NAMESPACE} provider setting; use one of ${SETTING_KEYS.join(", ")}.`,
      });
    }
  }
  for (const problem of readChatSettings(configLookupFrom(inputs), env, naming).problems) {
    if (!problem.missing) failures.push({ property: problem.key, reason: problem.reason });
  }
  return failures;
}

/** The inputs to keep for the provider, with the secret key always wrapped as a secret. */
export function checkedProviderInputs(inputs: Props): Props {
  const checked: Props = { ...inputs };
  for (const key of SETTING_KEYS) {
    if (settingSpec(key).secret && checked[key] !== undefined) checked[key] = asSecret(checked[key]);
  }
  return checked;
}

/** Settings whose value differs between two sets of provider inputs (secrets compared unwrapped). */
export function changedProviderSettings(olds: Props, news: Props): string[] {
  const before = unwrapSecrets(olds) as Props;
  const after = unwrapSecrets(news) as Props;
  return SETTING_KEYS.filter((key) => asText(before[key]) !== asText(after[key]));
}
