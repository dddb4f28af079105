/**
 * Check reports across accounts, through the native door, as the README
 * states them: `check` reports every problem of an account at once, but the
 * engine (3.259) stops a preview at the first account whose check fails, in
 * Python (it cancels the program) as in YAML (the host stops). These tests pin
 * what a preview of two bad accounts shows in each, so a change of either
 * shows up here.
 */
import { expect } from "chai";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import type { ChatStack } from "../support/chat-stack";
import { startYamlChatStack } from "../support/native-tools";
import { startLanguageStack, type LanguageStack } from "../support/language-stack";

const NAME_TOO_LONG = "name must be at most 150 bytes of UTF-8";
const NO_PREFIX = 'officialAccountUserId must start with "@TOA#_"';

/** Two accounts, each with a problem check finds before any API call, through an explicit provider. */
const TWO_BAD_ACCOUNTS_PY = `import pulumi
import pulumi_tencentchat as tencentchat

config = pulumi.Config()
app = tencentchat.Provider("app", sdk_app_id=config.get_int("sdkAppId"), identifier=config.get("identifier"),
                           secret_key=config.get_secret("secretKey"), endpoint=config.get("endpoint"))
with_app = pulumi.ResourceOptions(provider=app)

too_long = tencentchat.OfficialAccount("too-long-name", owner_account="newsroom", name="x" * 151, opts=with_app)
no_prefix = tencentchat.OfficialAccount("no-prefix", owner_account="newsroom", name="No Prefix",
                                        official_account_user_id="news_without_prefix", opts=with_app)
`;

describe("check reports of a preview with two bad accounts (native door)", function () {
  this.timeout(20 * 60 * 1000);

  describe("a Python program with two bad accounts", () => {
    let stack: LanguageStack;
    before(async () => {
      stack = await startLanguageStack("python", "check-report-python");
      writeFileSync(path.join(stack.programDir, "__main__.py"), TWO_BAD_ACCOUNTS_PY);
    });
    after(async () => stack?.dispose());

    it("reports the first bad account with its field and rule, then the engine stops the program", async () => {
      const preview = await stack.pulumi(["preview"]);
      expect(preview.code, preview.output).to.not.equal(0);
      const shown = `what the preview showed:\n${preview.output}`;
      const reported = [NAME_TOO_LONG, NO_PREFIX].filter((message) => preview.output.includes(message));
      expect(reported, shown).to.have.length(1);
      expect(preview.output, shown).to.match(/1 errored/);
      expect(stack.emulator.snapshot().accounts).to.deep.equal([]);
    });

    it("reports the other account once the first is fixed", async () => {
      const program = path.join(stack.programDir, "__main__.py");
      writeFileSync(program, TWO_BAD_ACCOUNTS_PY.replace('name="x" * 151', 'name="x" * 150'));
      const preview = await stack.pulumi(["preview"]);
      expect(preview.code, preview.output).to.not.equal(0);
      expect(preview.output).to.include(NO_PREFIX).and.not.include(NAME_TOO_LONG);
    });
  });

  describe("a YAML program with two bad accounts", () => {
    let stack: ChatStack;
    before(async () => {
      stack = await startYamlChatStack("check-report-yaml", {
        program: "check-report-yaml",
        emulator: { importUsers: ["newsroom"] },
      });
    });
    after(async () => stack?.dispose());

    it("reports one bad account: the YAML host stops at the first failed check (as the README says)", async () => {
      const preview = await stack.pulumi(["preview"]);
      expect(preview.code, preview.output).to.not.equal(0);
      const reported = [NAME_TOO_LONG, NO_PREFIX].filter((message) => preview.output.includes(message));
      expect(reported, `what YAML showed:\n${preview.output}`).to.have.length(1);
      expect(stack.emulator.snapshot().accounts).to.deep.equal([]);
    });
  });
});
