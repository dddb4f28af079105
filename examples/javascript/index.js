// Official accounts declared from plain JavaScript: no TypeScript, no build step.
//
// Credentials come from stack config (tencentchat:sdkAppId, tencentchat:identifier,
// tencentchat:secretKey as a secret, tencentchat:region or tencentchat:endpoint)
// or TENCENTCHAT_* environment variables.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { OfficialAccount, getOfficialAccountOutput } = require("pulumi-tencent-chat");

const config = new pulumi.Config();
const owner = config.get("owner") || "newsroom";

// The id is generated from the project, stack and resource name.
const bulletin = new OfficialAccount("bulletin", {
  ownerAccount: owner,
  name: "Bulletin",
  introduction: "News in brief.",
});

// A fixed id readers can share.
const help = new OfficialAccount("help", {
  officialAccountUserId: "@TOA#_js_help",
  ownerAccount: owner,
  name: "Help Desk",
  customString: JSON.stringify({ team: "support" }),
});

exports.ids = { bulletin: bulletin.officialAccountUserId, help: help.officialAccountUserId };
exports.helpName = getOfficialAccountOutput({ officialAccountUserId: help.officialAccountUserId }).name;
