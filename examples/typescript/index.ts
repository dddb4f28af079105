/**
 * Two official accounts of one Chat app, through an explicit tencentchat
 * provider (the native plugin: `npx pulumi-tencent-chat install-plugin`).
 *
 * Settings come from this stack's config (`pulumi config set sdkAppId 1400123456`,
 * `pulumi config set --secret secretKey ...`); any left out fall back to the
 * TENCENTCHAT_* environment variables, as the provider documents.
 */
import * as pulumi from "@pulumi/pulumi";
import * as tencentchat from "pulumi-tencent-chat/native";

const config = new pulumi.Config();
const owner = config.get("owner") ?? "newsroom";

const app = new tencentchat.Provider("app", {
  sdkAppId: config.getNumber("sdkAppId"),
  identifier: config.get("identifier"),
  secretKey: config.getSecret("secretKey"),
  endpoint: config.get("endpoint"),
});

const news = new tencentchat.OfficialAccount(
  "news",
  { ownerAccount: owner, name: "Daily News", introduction: "The morning briefing", maxSubscriberNum: 5000 },
  { provider: app },
);
const weather = new tencentchat.OfficialAccount(
  "weather",
  { officialAccountUserId: "@TOA#_typescript_weather", ownerAccount: owner, name: "天气预报" },
  { provider: app },
);

// Function calls through the same provider. One account as the service reports it:
// example-start: getOfficialAccount
const newsLive = tencentchat.getOfficialAccountOutput(
  { officialAccountUserId: news.officialAccountUserId },
  { provider: app },
);
// example-end
// Many accounts at once; the ones that do not exist are listed, not an error:
// example-start: getOfficialAccounts
const both = tencentchat.getOfficialAccountsOutput(
  { officialAccountUserIds: [news.officialAccountUserId, weather.officialAccountUserId] },
  { provider: app },
);
// example-end
// Every account a user subscribes to, all pages followed:
// example-start: getSubscribedOfficialAccounts
const follows = tencentchat.getSubscribedOfficialAccountsOutput({ subscriberAccount: owner }, { provider: app });
// example-end
export const foundCount = both.accounts.length;
export const ownerFollows = follows.totalCount;

export const newsId = news.officialAccountUserId;
export const weatherId = weather.officialAccountUserId;
export const newsLiveName = newsLive.name;
export const newsCreateTime = newsLive.createTime;
