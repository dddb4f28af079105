// Two official accounts of one Chat app, through an explicit tencentchat provider.
//
// Settings come from this stack's config (`pulumi config set sdkAppId 1400123456`,
// `pulumi config set --secret secretKey ...`); any left out fall back to the
// TENCENTCHAT_* environment variables, as the provider documents.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/pulumi-tencent-chat/pulumi-tencentchat/sdk/go/tencentchat"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		owner := cfg.Get("owner")
		if owner == "" {
			owner = "newsroom"
		}

		// snippet:start provider-and-account (quoted in the README)
		providerArgs := &tencentchat.ProviderArgs{SecretKey: cfg.GetSecret("secretKey")}
		if appID, err := cfg.TryInt("sdkAppId"); err == nil {
			providerArgs.SdkAppId = pulumi.Int(appID)
		}
		if identifier := cfg.Get("identifier"); identifier != "" {
			providerArgs.Identifier = pulumi.String(identifier)
		}
		if endpoint := cfg.Get("endpoint"); endpoint != "" {
			providerArgs.Endpoint = pulumi.String(endpoint)
		}
		app, err := tencentchat.NewProvider(ctx, "app", providerArgs)
		if err != nil {
			return err
		}

		news, err := tencentchat.NewOfficialAccount(ctx, "news", &tencentchat.OfficialAccountArgs{
			OwnerAccount:     pulumi.String(owner),
			Name:             pulumi.String("Daily News"),
			Introduction:     pulumi.String("The morning briefing"),
			MaxSubscriberNum: pulumi.Int(5000),
		}, pulumi.Provider(app))
		if err != nil {
			return err
		}
		// snippet:end provider-and-account
		weather, err := tencentchat.NewOfficialAccount(ctx, "weather", &tencentchat.OfficialAccountArgs{
			OfficialAccountUserId: pulumi.String("@TOA#_go_weather"),
			OwnerAccount:          pulumi.String(owner),
			Name:                  pulumi.String("天气预报"),
		}, pulumi.Provider(app))
		if err != nil {
			return err
		}

		// Function calls through the same provider. One account as the service reports it:
		// example-start: getOfficialAccount
		newsLive := tencentchat.LookupOfficialAccountOutput(ctx, tencentchat.LookupOfficialAccountOutputArgs{
			OfficialAccountUserId: news.OfficialAccountUserId,
		}, pulumi.Provider(app))
		// example-end
		// Many accounts at once; the ones that do not exist are listed, not an error:
		// example-start: getOfficialAccounts
		both := tencentchat.GetOfficialAccountsOutput(ctx, tencentchat.GetOfficialAccountsOutputArgs{
			OfficialAccountUserIds: pulumi.StringArray{news.OfficialAccountUserId, weather.OfficialAccountUserId},
		}, pulumi.Provider(app))
		// example-end
		// Every account a user subscribes to, all pages followed:
		// example-start: getSubscribedOfficialAccounts
		follows := tencentchat.GetSubscribedOfficialAccountsOutput(ctx, tencentchat.GetSubscribedOfficialAccountsOutputArgs{
			SubscriberAccount: pulumi.String(owner),
		}, pulumi.Provider(app))
		// example-end

		ctx.Export("newsId", news.OfficialAccountUserId)
		ctx.Export("weatherId", weather.OfficialAccountUserId)
		ctx.Export("newsLiveName", newsLive.Name())
		ctx.Export("newsCreateTime", newsLive.CreateTime())
		ctx.Export("foundCount", both.Accounts().ApplyT(func(found []tencentchat.OfficialAccountInfo) int {
			return len(found)
		}))
		ctx.Export("ownerFollows", follows.TotalCount())
		return nil
	})
}
