/**
 * The OfficialAccount resource through the real Pulumi CLI against the
 * emulator: up, preview, refresh and destroy as a user runs them. The steps
 * build on each other, in order.
 */
import { expect } from "chai";
import { startChatStack, type ChatStack } from "../support/chat-stack";

const OWNER = "newsroom";
const OTHER_OWNER = "editor-in-chief";
const READER = "reader-450";

const news = {
  ownerAccount: OWNER,
  name: "Daily News",
  introduction: "The morning briefing",
  faceUrl: "https://example.com/news.png",
  organization: "Example Newsroom",
  customString: '{"tier":"gold"}',
  maxSubscriberNum: 5000,
};
const weather = { ownerAccount: OWNER, name: "天气预报", introduction: "晴" };
/** Made by hand (in the test), then taken over with adopt. */
const adopted = {
  officialAccountUserId: "@TOA#_made_by_hand",
  ownerAccount: OWNER,
  name: "Adopted",
  introduction: "now managed by Pulumi",
  adopt: true,
};
const support = { officialAccountUserId: "@TOA#_e2e_support", ownerAccount: OWNER, name: "Support" };

/** UserSigs are zlib streams in the vendor's base64 ("eJ..."); none may leak into output or state. */
const USER_SIG_PATTERN = /eJ[A-Za-z0-9*_-]{60,}/;

describe("OfficialAccount through the Pulumi engine", function () {
  this.timeout(10 * 60 * 1000);
  let stack: ChatStack;
  let ids: Record<string, string>;

  before(async () => {
    stack = await startChatStack("official-account", {
      emulator: { importUsers: [OWNER, OTHER_OWNER, READER, "someone-else"] },
    });
  });
  after(async () => stack?.dispose());

  it("up creates the declared accounts with the declared fields, and an immediate preview shows no changes", async () => {
    await stack.setAccounts({ news, weather, support });
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    ids = (await stack.outputs()).ids as Record<string, string>;

    expect(ids.support).to.equal("@TOA#_e2e_support");
    expect(ids.news, "generated id").to.match(/^@TOA#_news_[0-9a-f]{12}$/);
    const live = stack.live(ids.news);
    expect(live, `emulator holds ${ids.news}`).to.not.equal(undefined);
    expect(live).to.include({
      Owner_Account: OWNER,
      Name: news.name,
      Introduction: news.introduction,
      FaceUrl: news.faceUrl,
      Organization: news.organization,
      CustomString: news.customString,
      MaxSubscriberNum: 5000,
    });
    expect(stack.live(ids.weather)).to.include({ Name: "天气预报", Introduction: "晴", MaxSubscriberNum: 100000 });
    expect(stack.emulator.snapshot().accounts).to.have.length(3);

    await stack.pulumiOk(["preview", "--expect-no-changes"]);
  });

  it("a field changed behind Pulumi's back is recorded by refresh, shown by preview, and put back by up", async () => {
    await stack.api.modify(ids.news, { introduction: "edited in the console" });
    const check = await stack.pulumi(["refresh", "--preview-only", "--expect-no-changes"]);
    expect(check.code, "a drift check in a pipeline fails on drift").to.not.equal(0);
    expect(check.output).to.match(/~ .*OfficialAccount news update \[diff: ~introduction\]/);
    await stack.pulumiOk(["refresh", "--yes", "--skip-preview"]);

    const preview = await stack.pulumi(["preview", "--expect-no-changes", "--diff"]);
    expect(preview.code, "preview must report the drift").to.not.equal(0);
    expect(preview.output).to.match(/~ introduction\s*: "edited in the console" => "The morning briefing"/);
    expect(preview.output).to.include("OfficialAccount::news]");

    stack.resetCalls();
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(stack.live(ids.news)?.Introduction).to.equal(news.introduction);
    expect(stack.calls("modify_official_account_base_info")).to.equal(1);
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
  });

  it("an account destroyed behind Pulumi's back is dropped by refresh and recreated by up", async () => {
    await stack.api.destroy(ids.weather);
    const refresh = await stack.pulumiOk(["refresh", "--yes", "--skip-preview"]);
    expect(refresh.output).to.match(/deleted/);
    expect(stack.live(ids.weather)).to.equal(undefined);

    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(stack.live(ids.weather)).to.include({ Name: "天气预报" });
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
  });

  it("changing introduction updates in place with one modify call and no create or destroy", async () => {
    stack.resetCalls();
    await stack.setAccounts({ news: { ...news, introduction: "Now with evening edition" }, weather, support });
    const up = await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(up.output).to.match(/1 updated/);
    expect(stack.calls("modify_official_account_base_info")).to.equal(1);
    expect(stack.calls("create_official_account")).to.equal(0);
    expect(stack.calls("destroy_official_account")).to.equal(0);
    expect(stack.live(ids.news)?.Introduction).to.equal("Now with evening edition");
  });

  it("changing ownerAccount replaces the account: a new one is created and the old one destroyed", async () => {
    stack.resetCalls();
    await stack.setAccounts({
      news: { ...news, introduction: "Now with evening edition", ownerAccount: OTHER_OWNER },
      weather,
      support: { ...support, ownerAccount: OTHER_OWNER },
    });
    const up = await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(up.output).to.match(/2 replaced/);
    expect(stack.calls("create_official_account")).to.equal(2);
    expect(stack.calls("destroy_official_account")).to.equal(2);
    expect(stack.calls("modify_official_account_base_info")).to.equal(0);

    const after = (await stack.outputs()).ids as Record<string, string>;
    expect(after.news, "a generated id follows the owner").to.not.equal(ids.news);
    expect(stack.live(ids.news)).to.equal(undefined);
    expect(stack.live(after.news)?.Owner_Account).to.equal(OTHER_OWNER);
    // A declared id is kept: the old account is deleted before the new one is created.
    expect(after.support).to.equal(support.officialAccountUserId);
    expect(stack.live(after.support)?.Owner_Account).to.equal(OTHER_OWNER);
    ids = after;
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
  });

  it("an id already in use fails with a message explaining adopt, and adopt: true takes the account over", async () => {
    await stack.api.create({
      officialAccountUserId: "@TOA#_made_by_hand",
      ownerAccount: OWNER,
      name: "Made by hand",
      introduction: "old text",
    });
    const declared = { officialAccountUserId: "@TOA#_made_by_hand", ownerAccount: OWNER, name: "Adopted" };
    await stack.setAccounts({ news: { ...news, ownerAccount: OTHER_OWNER }, weather, handmade: declared });
    const refused = await stack.pulumi(["up", "--yes", "--skip-preview"]);
    expect(refused.code).to.not.equal(0);
    expect(refused.output).to.include("already in use (130008)");
    expect(refused.output).to.include("adopt: true");
    expect(stack.live("@TOA#_made_by_hand")?.Name, "the existing account is untouched").to.equal("Made by hand");

    await stack.setAccounts({
      news: { ...news, ownerAccount: OTHER_OWNER },
      weather,
      handmade: adopted,
    });
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(stack.live("@TOA#_made_by_hand")).to.include({ Name: "Adopted", Introduction: "now managed by Pulumi" });
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
  });

  it("bad inputs fail preview with field-level messages and make no API call", async () => {
    const current = { news: { ...news, ownerAccount: OTHER_OWNER }, weather };
    await stack.setAccounts({
      ...current,
      bad: {
        ownerAccount: OWNER,
        name: "名".repeat(50) + "x", // 151 bytes
        officialAccountUserId: "no_prefix",
        maxSubscriberNum: -1,
      },
    });
    stack.resetCalls();
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).to.not.equal(0);
    expect(preview.output).to.include("name must be at most 150 bytes");
    expect(preview.output).to.include("got 151 bytes");
    expect(preview.output).to.include('officialAccountUserId must start with "@TOA#_"');
    expect(preview.output).to.include("maxSubscriberNum must be between 1 and");
    for (const command of [
      "create_official_account",
      "get_official_account_info",
      "modify_official_account_base_info",
    ]) {
      expect(stack.calls(command), `${command} calls during a failed preview`).to.equal(0);
    }
    await stack.setAccounts({
      ...current,
      handmade: adopted,
    });
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
  });

  it("lookups return the emulator's data and page through 450 subscriptions", async () => {
    const seeded: string[] = [];
    for (let start = 0; start < 450; start += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          stack.api.create({
            officialAccountUserId: `@TOA#_sub_${String(start + i).padStart(3, "0")}`,
            ownerAccount: "someone-else",
            name: `Channel ${start + i}`,
          }),
        ),
      );
      seeded.push(...batch.map((b) => b.officialAccountUserId));
    }
    await Promise.all(seeded.map((id) => stack.api.addSubscribers(id, [READER])));

    await stack.setConfig("subscriber", READER);
    await stack.setConfig("lookupIds", [ids.news, "@TOA#_sub_007", "@TOA#_does_not_exist"]);
    stack.resetCalls();
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const outputs = await stack.outputs();
    expect(outputs.subscribedCount).to.equal(450);
    expect(outputs.subscribedIds).to.deep.equal([...seeded].sort());
    expect(stack.calls("get_subscribed_official_account_list"), "pages of 200").to.equal(3);

    const lookedUp = outputs.lookedUp as { accounts: Array<Record<string, unknown>>; missingIds: string[] };
    expect(lookedUp.missingIds).to.deep.equal(["@TOA#_does_not_exist"]);
    expect(lookedUp.accounts.map((a) => a.officialAccountUserId)).to.deep.equal([ids.news, "@TOA#_sub_007"]);
    expect(lookedUp.accounts[1]).to.include({ name: "Channel 7", ownerAccount: "someone-else", subscriberNum: 1 });
    expect(lookedUp.accounts[0]).to.include({ name: news.name, ownerAccount: OTHER_OWNER });
  });

  it("protect blocks destroy, and retainOnDelete leaves the account in Chat when it leaves the program", async () => {
    await stack.setConfig("lookupIds", []);
    await stack.pulumiOk(["config", "rm", "subscriber"]);
    await stack.setAccounts({
      news: { ...news, ownerAccount: OTHER_OWNER, options: { protect: true } },
      weather: { ...weather, options: { retainOnDelete: true } },
      handmade: adopted,
    });
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);

    await stack.setAccounts({
      news: { ...news, ownerAccount: OTHER_OWNER, options: { protect: true } },
      handmade: adopted,
    });
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(stack.live(ids.weather), "retained in Chat").to.not.equal(undefined);

    const blocked = await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
    expect(blocked.code).to.not.equal(0);
    expect(blocked.output).to.match(/protect/);
    expect(stack.live(ids.news)).to.not.equal(undefined);
  });

  it("state holds the secret key only as the engine's encrypted copy of the stack config, never in plain text", async () => {
    const plain = (await stack.pulumiOk(["stack", "export"])).stdout;
    expect(plain.includes(stack.secretKey), "plain-text export contains the secret key").to.equal(false);
    expect(USER_SIG_PATTERN.test(plain), "export contains a UserSig").to.equal(false);
    expect(plain, "the OfficialAccounts' serialized provider is the shim only").to.include(
      'require(\\"pulumi-tencent-chat/provider-runtime\\")',
    );

    // Decrypted, the key shows up in exactly one kind of place: the stack config the engine records
    // on the default pulumi-nodejs provider (as it does for every provider), stored as a secret.
    const revealed = JSON.parse((await stack.pulumiOk(["stack", "export", "--show-secrets"])).stdout);
    const places: string[] = [];
    const visit = (value: unknown, where: string): void => {
      if (typeof value === "string" && value.includes(stack.secretKey)) places.push(where);
      else if (value && typeof value === "object") {
        for (const [key, child] of Object.entries(value)) visit(child, `${where}/${key}`);
      }
    };
    revealed.deployment.resources.forEach((r: { type: string }, i: number) => visit(r, `${r.type}#${i}`));
    expect(places.length, "places holding the key").to.be.greaterThan(0);
    for (const place of places) {
      expect(place).to.match(
        /^pulumi:providers:pulumi-nodejs#\d+\/(inputs|outputs)\/tencentchat:secretKey\/plaintext$/,
      );
    }
  });

  it("destroy removes every account it manages from the emulator", async () => {
    await stack.setAccounts({
      news: { ...news, ownerAccount: OTHER_OWNER },
      handmade: adopted,
    });
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    stack.resetCalls();
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(stack.live(ids.news)).to.equal(undefined);
    expect(stack.live("@TOA#_made_by_hand")).to.equal(undefined);
    expect(stack.calls("destroy_official_account")).to.equal(2);
  });

  it("no command's output shows the secret key or a UserSig", async () => {
    const transcript = stack.transcript.join("\n");
    expect(transcript.includes(stack.secretKey), "command output contains the secret key").to.equal(false);
    expect(USER_SIG_PATTERN.test(transcript), "command output contains a UserSig").to.equal(false);
    expect(transcript).to.not.match(/usersig=/i);
  });
});
