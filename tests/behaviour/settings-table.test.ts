/**
 * The settings table (provider/behaviour/settings.ts) and what derives from it:
 * reading and its messages, the client cache, and the README's and docs'
 * configuration tables. Every case walks the table, so a new row is covered
 * without a new case; the two value records below do not compile until the
 * row has test values.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import {
  CHAT_SETTINGS,
  providerArgumentNaming,
  readChatSettings,
  resolveChatSettings,
  SETTING_KEYS,
  settingSpec,
  type ChatSettings,
  type SettingKey,
} from "../../provider/behaviour/settings";
import { sharedOfficialAccountsApi } from "../../provider/behaviour/client-cache";
import {
  changedProviderSettings,
  checkedProviderInputs,
  checkProviderSettings,
} from "../../provider/native/provider-settings";
import { unwrapSecrets } from "../../provider/native/property-values";
import { SETTINGS_TABLE_PAGES, withSettingsTable } from "../../scripts/generate-docs-settings";
import { REPO_ROOT } from "../../scripts/pulumi-runner";

/** A value for every setting, as the settings resolve it. */
type EverySetting = { readonly [Key in SettingKey]-?: Exclude<ChatSettings[Key], undefined> };

/** Complete, valid settings (region and endpoint both set: the cache does not judge, the reader does). */
const SETTINGS_A: EverySetting = {
  sdkAppId: 1400000001,
  identifier: "administrator",
  secretKey: "settings-table-key-a",
  region: "singapore",
  endpoint: "http://127.0.0.1:8787",
  allowInsecureHttp: false,
  callsPerSecond: 50,
};

/** Another valid value for every setting. */
const SETTINGS_B: EverySetting = {
  sdkAppId: 1400000002,
  identifier: "second-admin",
  secretKey: "settings-table-key-b",
  region: "tokyo",
  endpoint: "http://127.0.0.1:8788",
  allowInsecureHttp: true,
  callsPerSecond: 60,
};

/** A config lookup over `tencentchat:<key>` texts. */
function stackConfig(texts: Readonly<Record<string, string>>) {
  return (key: string) => texts[key.replace(/^tencentchat:/, "")];
}

/** The settings of `values` as the text a user writes in stack config. */
function asTexts(values: EverySetting, keys: readonly SettingKey[] = SETTING_KEYS): Record<string, string> {
  return Object.fromEntries(keys.map((key) => [key, String(values[key])]));
}

describe("the settings table", () => {
  it("has one row per key, each with its own TENCENTCHAT_* variable and a description", () => {
    const variables = SETTING_KEYS.map((key) => settingSpec(key).envVar);
    expect(new Set(variables).size, "one variable per setting").to.equal(SETTING_KEYS.length);
    for (const key of SETTING_KEYS) {
      const spec = settingSpec(key);
      expect(spec.key, key).to.equal(key);
      expect(spec.envVar, key).to.match(/^TENCENTCHAT_[A-Z_]+$/);
      expect(spec.description.trim(), key).to.not.equal("");
    }
    expect(SETTING_KEYS.filter((key) => settingSpec(key).secret)).to.deep.equal(["secretKey"]);
  });

  it("reads every row from stack config, as its rule parses the text", () => {
    const settings = resolveChatSettings(stackConfig(asTexts(SETTINGS_A, ["sdkAppId", "identifier", "secretKey"])), {});
    expect(settings).to.include({ sdkAppId: 1400000001, identifier: "administrator" });
    const { settings: read } = readChatSettings(stackConfig(asTexts(SETTINGS_A)), {});
    for (const key of SETTING_KEYS) expect(read[key], key).to.equal(SETTINGS_A[key]);
  });

  it("falls back to each row's environment variable, and names the variable in that row's messages", () => {
    const env = Object.fromEntries(SETTING_KEYS.map((key) => [settingSpec(key).envVar, String(SETTINGS_B[key])]));
    const { settings, problems } = readChatSettings(() => undefined, env);
    for (const key of SETTING_KEYS) expect(settings[key], key).to.equal(SETTINGS_B[key]);
    // Region and endpoint both set is the one cross-setting rule; it names both variables.
    expect(problems.map((problem) => problem.reason)).to.deep.equal([
      'TENCENTCHAT_REGION ("tokyo") and TENCENTCHAT_ENDPOINT ("http://127.0.0.1:8788") are both set: ' +
        "keep one (region picks the vendor's domain; endpoint is for the emulator or a proxy).",
    ]);
    expect(problems[0].key).to.equal("endpoint");
  });

  it("says for every required row that it is missing, how to set it and its variable; the rest may be left out", () => {
    const { problems } = readChatSettings(() => undefined, {});
    const required = SETTING_KEYS.filter((key) => settingSpec(key).required);
    expect(problems.map((problem) => problem.key)).to.deep.equal(required);
    expect(problems.map((problem) => problem.reason)).to.deep.equal([
      "tencentchat:sdkAppId is missing: set it with `pulumi config set tencentchat:sdkAppId <value>` or the TENCENTCHAT_SDKAPPID environment variable.",
      "tencentchat:identifier (the app admin account) is missing: set it with `pulumi config set tencentchat:identifier <value>` or the TENCENTCHAT_IDENTIFIER environment variable.",
      "tencentchat:secretKey is missing: set it with `pulumi config set --secret tencentchat:secretKey <value>` or the TENCENTCHAT_SECRET_KEY environment variable.",
    ]);
    expect(problems.every((problem) => problem.missing)).to.equal(true);
  });

  it("refuses a text that breaks a row's rule with the setting's name, the rule and what it got", () => {
    const bad = { sdkAppId: "14000abc", allowInsecureHttp: "yes", callsPerSecond: "500" };
    const required = asTexts(SETTINGS_A, ["identifier", "secretKey"]);
    const { problems } = readChatSettings(stackConfig({ ...required, ...bad }), {});
    expect(problems.map((problem) => problem.reason)).to.deep.equal([
      'tencentchat:sdkAppId must be the numeric SDKAppID from the Chat console (e.g. 1400000000); got "14000abc".',
      'tencentchat:allowInsecureHttp must be true or false; got "yes".',
      'tencentchat:callsPerSecond must be a number in (0, 200] (the API allows 200 calls/s); got "500".',
    ]);
    expect(problems.some((problem) => problem.missing)).to.equal(false);
    const named = readChatSettings(
      stackConfig({ ...required, sdkAppId: String(SETTINGS_A.sdkAppId), callsPerSecond: "0" }),
      {},
      providerArgumentNaming("app"),
    );
    expect(named.problems.map((problem) => problem.reason)).to.deep.equal([
      'the callsPerSecond argument of provider "app" must be a number in (0, 200] (the API allows 200 calls/s); got "0".',
    ]);
  });

  it("names in error hints exactly the rows flagged `hint`, each as the user set it", () => {
    const { settings } = readChatSettings(stackConfig({ identifier: "admin" }), { TENCENTCHAT_SECRET_KEY: "k" });
    const hinted = SETTING_KEYS.filter((key) => settingSpec(key).hint);
    expect(Object.keys(settings.settingNames ?? {})).to.deep.equal(hinted);
    expect(settings.settingNames).to.include({
      identifier: "tencentchat:identifier",
      secretKey: "TENCENTCHAT_SECRET_KEY",
      sdkAppId: "tencentchat:sdkAppId (or TENCENTCHAT_SDKAPPID)",
    });
  });
});

describe("the client cache (one client per set of settings)", () => {
  it("gives the same client for the same settings, given twice", () => {
    expect(sharedOfficialAccountsApi({ ...SETTINGS_A })).to.equal(sharedOfficialAccountsApi({ ...SETTINGS_A }));
  });

  for (const key of SETTING_KEYS) {
    it(`gives two clients for settings that differ only in ${key}`, () => {
      const first = sharedOfficialAccountsApi(SETTINGS_A);
      const second = sharedOfficialAccountsApi({ ...SETTINGS_A, [key]: SETTINGS_B[key] });
      expect(second, `${key} is not part of the client cache key`).to.not.equal(first);
      expect(sharedOfficialAccountsApi({ ...SETTINGS_A, [key]: SETTINGS_B[key] })).to.equal(second);
    });
  }

  for (const key of SETTING_KEYS.filter((key) => !settingSpec(key).required)) {
    it(`gives two clients for settings with ${key} set and left out`, () => {
      const without: Record<string, unknown> = { ...SETTINGS_A };
      delete without[key];
      expect(sharedOfficialAccountsApi(without as ChatSettings)).to.not.equal(sharedOfficialAccountsApi(SETTINGS_A));
    });
  }

  it("gives two clients for settings named differently in messages (stack config, a provider's arguments)", () => {
    const asConfig = { ...SETTINGS_A, settingNames: { secretKey: "tencentchat:secretKey" } };
    const asArgument = { ...SETTINGS_A, settingNames: { secretKey: 'the secretKey argument of provider "app"' } };
    expect(sharedOfficialAccountsApi(asConfig)).to.not.equal(sharedOfficialAccountsApi(asArgument));
  });
});

describe("the native provider's settings (CheckConfig, DiffConfig) follow the table", () => {
  it("accepts every row as a provider input, keeps each secret row a secret and sees a change in each row", () => {
    const inputs: Record<string, unknown> = { ...SETTINGS_A };
    delete inputs.region; // region and endpoint both set is refused (the cross-setting rule)
    expect(checkProviderSettings(inputs, {})).to.deep.equal([]);
    const checked = checkedProviderInputs({ ...SETTINGS_A });
    for (const key of SETTING_KEYS) {
      const wrapped = JSON.stringify(checked[key]) !== JSON.stringify(SETTINGS_A[key]);
      expect(wrapped, `${key} stored as a secret`).to.equal(settingSpec(key).secret);
      expect((unwrapSecrets(checked) as Record<string, unknown>)[key], key).to.equal(SETTINGS_A[key]);
      expect(changedProviderSettings(SETTINGS_A, { ...SETTINGS_A, [key]: SETTINGS_B[key] }), key).to.deep.equal([key]);
    }
    expect(checkProviderSettings({ ...inputs, sdkAppID: "1" }, {}).map((failure) => failure.property)).to.deep.equal([
      "sdkAppID",
    ]);
  });
});

describe("the configuration tables of the README and the docs", () => {
  for (const page of SETTINGS_TABLE_PAGES) {
    it(`${path.relative(REPO_ROOT, page)} shows the settings table today (run \`npm run generate\` when this fails)`, () => {
      const text = readFileSync(page, "utf8");
      expect(text === withSettingsTable(text, page), "stale settings table").to.equal(true);
      for (const spec of Object.values(CHAT_SETTINGS)) {
        expect(text).to.include(`| \`tencentchat:${spec.key}\``).and.include(`\`${spec.envVar}\``);
      }
    });
  }
});
