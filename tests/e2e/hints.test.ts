/**
 * Hints that fit the user's set-up, through the real CLI and the native
 * plugin (Pulumi YAML programs): a wrong key under an explicit provider names
 * that provider's `secretKey` argument, not `tencentchat:secretKey`; under
 * stack config it names `tencentchat:secretKey`, and a setting that came from
 * the environment is named by its variable; 70107 against the local emulator
 * says how to import the user there.
 */
import { expect } from "chai";
import { describeChatErrorCode } from "../../chat-api/error-codes";
import { providerArgumentNaming, readChatSettings, resolveChatSettings } from "../../provider/behaviour/settings";
import { settingNamingFor } from "../../provider/native/provider-settings";
import { TEST_SDK_APP_ID, type ChatStack } from "../support/chat-stack";
import { startYamlChatStack } from "../support/native-tools";

const WRONG_KEY = "a-key-that-is-not-the-apps-0123456789";

describe("setting names in messages and hints (unit)", () => {
  it("a hint names each setting as given, and defaults to the stack config key", () => {
    expect(describeChatErrorCode(70009).hint).to.include("into tencentchat:secretKey");
    const named = describeChatErrorCode(70009, { settingNames: { secretKey: "TENCENTCHAT_SECRET_KEY" } });
    expect(named.hint).to.include("into TENCENTCHAT_SECRET_KEY").and.not.include("tencentchat:secretKey");
  });

  it("70107 adds the emulator's import routes only against a loopback endpoint", () => {
    expect(describeChatErrorCode(70107).hint).not.to.include("--import-users");
    expect(describeChatErrorCode(70107, { loopbackEndpoint: true }).hint)
      .to.include("--import-users")
      .and.include("tencentchat-emulator import-users")
      .and.include("POST /__emulator/users");
  });

  it("settings read for an explicit provider are named as its arguments; a variable by its name", () => {
    const config = (key: string) => ({ "tencentchat:sdkAppId": "abc", "tencentchat:identifier": "admin" })[key];
    const { problems, settings } = readChatSettings(
      config,
      { TENCENTCHAT_SECRET_KEY: "k" },
      providerArgumentNaming("app"),
    );
    expect(problems.map((p) => p.reason)).to.deep.equal([
      'the sdkAppId argument of provider "app" must be the numeric SDKAppID from the Chat console (e.g. 1400000000); got "abc".',
    ]);
    expect(settings.settingNames).to.include({
      identifier: 'the identifier argument of provider "app"',
      secretKey: "TENCENTCHAT_SECRET_KEY",
      region: 'the region argument of provider "app" (or TENCENTCHAT_REGION)',
    });
    expect(() => resolveChatSettings(() => undefined, {}, providerArgumentNaming("app"))).to.throw(
      /the secretKey argument of provider "app" is missing: pass secretKey to provider "app" in the program or the TENCENTCHAT_SECRET_KEY environment variable/,
    );
  });

  it("the native plugin tells a default provider (stack config) from an explicit one by its URN", () => {
    const urn = (name: string) => `urn:pulumi:dev::proj::pulumi:providers:tencentchat::${name}`;
    expect(settingNamingFor(urn("default_0_1_0")).name("secretKey")).to.equal("tencentchat:secretKey");
    expect(settingNamingFor(urn("default")).name("secretKey")).to.equal("tencentchat:secretKey");
    expect(settingNamingFor(undefined).name("secretKey")).to.equal("tencentchat:secretKey");
    expect(settingNamingFor(urn("staging")).name("secretKey")).to.equal('the secretKey argument of provider "staging"');
  });
});

describe("hints name the setting the user set, and fit the endpoint (native door, YAML)", function () {
  this.timeout(600_000);

  describe("an explicit provider with a wrong key", () => {
    let stack: ChatStack;
    before(async () => {
      stack = await startYamlChatStack("hints-explicit", {
        program: "hints-explicit-provider",
        emulator: { importUsers: ["newsroom"] },
      });
      await stack.setConfig("appSdkAppId", String(TEST_SDK_APP_ID));
      await stack.setConfig("appEndpoint", stack.emulator.url);
      await stack.pulumiOk(["config", "set", "--secret", "appKey", WRONG_KEY]);
    });
    after(async () => stack?.dispose());

    it("fails with 70003 naming the provider's secretKey argument, never tencentchat:secretKey", async () => {
      const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
      expect(up.code, up.output).to.not.equal(0);
      expect(up.output).to.include("70003");
      expect(up.output).to.include('the secretKey argument of provider "app"');
      expect(up.output).to.include('the sdkAppId argument of provider "app"');
      expect(up.output, "the stack-config name would send the user to the wrong place").not.to.include(
        "tencentchat:secretKey",
      );
      expect(up.output).not.to.include(WRONG_KEY);
    });
  });

  describe("the default provider (stack config and TENCENTCHAT_* variables)", () => {
    let stack: ChatStack;
    before(async () => {
      // SDKAppID and identifier come from TENCENTCHAT_* (chat-stack sets them), the key from stack config.
      stack = await startYamlChatStack("hints-default", {
        program: "hints-default-provider",
        emulator: { importUsers: ["newsroom"] },
      });
    });
    after(async () => stack?.dispose());

    it("a wrong tencentchat:secretKey names it, and names TENCENTCHAT_SDKAPPID for the SDKAppID set there", async () => {
      await stack.pulumiOk(["config", "set", "--secret", "tencentchat:secretKey", WRONG_KEY]);
      const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
      expect(up.code, up.output).to.not.equal(0);
      expect(up.output).to.include("70003");
      expect(up.output).to.include("tencentchat:secretKey");
      expect(up.output).to.include("TENCENTCHAT_SDKAPPID");
      expect(up.output).not.to.include("argument of provider");
      expect(up.output).not.to.include(WRONG_KEY);
    });

    it("70107 against the local emulator names --import-users and the control call", async () => {
      await stack.pulumiOk(["config", "set", "--secret", "tencentchat:secretKey", stack.secretKey]);
      await stack.setConfig("owner", "never-imported");
      const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
      expect(up.code, up.output).to.not.equal(0);
      expect(up.output).to.include("70107");
      expect(up.output).to.include("--import-users");
      expect(up.output).to.include("tencentchat-emulator import-users");
    });
  });
});
