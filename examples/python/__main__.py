# Two official accounts of one Chat app, through an explicit tencentchat provider.
#
# Settings come from this stack's config (`pulumi config set sdkAppId 1400123456`,
# `pulumi config set --secret secretKey ...`); any left out fall back to the
# TENCENTCHAT_* environment variables, as the provider documents.

import pulumi
import pulumi_tencentchat as tencentchat

config = pulumi.Config()
owner = config.get("owner") or "newsroom"

app = tencentchat.Provider(
    "app",
    sdk_app_id=config.get_int("sdkAppId"),
    identifier=config.get("identifier"),
    secret_key=config.get_secret("secretKey"),
    endpoint=config.get("endpoint"),
)
with_app = pulumi.ResourceOptions(provider=app)

news = tencentchat.OfficialAccount(
    "news",
    owner_account=owner,
    name="Daily News",
    introduction="The morning briefing",
    max_subscriber_num=5000,
    opts=with_app,
)
weather = tencentchat.OfficialAccount(
    "weather",
    official_account_user_id="@TOA#_python_weather",
    owner_account=owner,
    name="天气预报",
    opts=with_app,
)

# Function calls through the same provider. One account as the service reports it:
# example-start: getOfficialAccount
news_live = tencentchat.get_official_account_output(
    official_account_user_id=news.official_account_user_id,
    opts=pulumi.InvokeOutputOptions(provider=app),
)
# example-end
# Many accounts at once; the ones that do not exist are listed, not an error:
# example-start: getOfficialAccounts
both = tencentchat.get_official_accounts_output(
    official_account_user_ids=[news.official_account_user_id, weather.official_account_user_id],
    opts=pulumi.InvokeOutputOptions(provider=app),
)
# example-end
# Every account a user subscribes to, all pages followed:
# example-start: getSubscribedOfficialAccounts
follows = tencentchat.get_subscribed_official_accounts_output(
    subscriber_account=owner,
    opts=pulumi.InvokeOutputOptions(provider=app),
)
# example-end

pulumi.export("newsId", news.official_account_user_id)
pulumi.export("weatherId", weather.official_account_user_id)
pulumi.export("newsLiveName", news_live.name)
pulumi.export("newsCreateTime", news_live.create_time)
pulumi.export("foundCount", both.accounts.apply(len))
pulumi.export("ownerFollows", follows.total_count)
