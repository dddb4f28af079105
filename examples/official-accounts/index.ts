/**
 * A newsroom's official accounts on Tencent Cloud Chat: three accounts, one
 * with a fixed id, a lookup of one of them and of a reader's subscriptions.
 *
 * Credentials come from stack config (tencentchat:sdkAppId, tencentchat:identifier,
 * tencentchat:secretKey as a secret, tencentchat:region or tencentchat:endpoint)
 * or TENCENTCHAT_* environment variables; `npm run demo` points them at the emulator.
 */
import * as pulumi from "@pulumi/pulumi";
import { getOfficialAccountOutput, getSubscribedOfficialAccountsOutput, OfficialAccount } from "pulumi-tencent-chat";

const config = new pulumi.Config();
const owner = config.get("owner") ?? "newsroom";
const reader = config.get("reader") ?? "reader-1";

// Ids are generated from the project, stack and resource name when not given.
const dailyNews = new OfficialAccount("daily-news", {
  ownerAccount: owner,
  name: "Daily News",
  introduction: "The morning briefing, every day at 7:00.",
  faceUrl: "https://example.com/avatars/daily-news.png",
  organization: "Example Newsroom",
  maxSubscriberNum: 500000,
});

const weather = new OfficialAccount("weather", {
  ownerAccount: owner,
  name: "天气预报", // multi-byte names count 3 bytes a character against the 150-byte limit
  introduction: "Forecasts and storm warnings.",
  organization: "Example Newsroom",
});

// A fixed, memorable id that readers can share.
const support = new OfficialAccount("support", {
  officialAccountUserId: "@TOA#_newsroom_support",
  ownerAccount: owner,
  name: "Newsroom Support",
  introduction: "Questions about your subscription.",
  customString: JSON.stringify({ escalation: "support-oncall", sla: "4h" }),
});

// Read an account back through the lookup (after it exists).
const supportLive = getOfficialAccountOutput({ officialAccountUserId: support.officialAccountUserId });

// Which official accounts does a reader follow? (Subscriptions are made in the app, not here.)
const readerSubscriptions = getSubscribedOfficialAccountsOutput({
  subscriberAccount: pulumi.all([dailyNews.id, weather.id]).apply(() => reader),
  fields: ["Name", "SubscriberNum"],
});

export const accountIds = {
  dailyNews: dailyNews.officialAccountUserId,
  weather: weather.officialAccountUserId,
  support: support.officialAccountUserId,
};
export const dailyNewsSubscribers = dailyNews.subscriberNum;
export const supportCreatedAt = supportLive.createTime;
export const readerFollows = readerSubscriptions.accounts.apply((accounts) => accounts.map((a) => a.name));
