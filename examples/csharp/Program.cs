// Two official accounts of one Chat app, through an explicit tencentchat provider, in C#.
//
// Written against the generated SDK (sdk/dotnet) and NOT compiled or run by this repository's tests:
// no .NET SDK or NuGet can be had here. The Python, Go, TypeScript and YAML examples are run.
using System.Collections.Generic;
using System.Linq;
using Pulumi;
using PulumiTencentChat.TencentChat;

return await Deployment.RunAsync(() =>
{
    var config = new Config();
    var owner = config.Get("owner") ?? "newsroom";

    var app = new Provider("app", new ProviderArgs
    {
        SdkAppId = config.GetInt32("sdkAppId"),
        Identifier = config.Get("identifier"),
        SecretKey = config.GetSecret("secretKey"),
        Endpoint = config.Get("endpoint"),
    });

    var news = new OfficialAccount("news", new OfficialAccountArgs
    {
        OwnerAccount = owner,
        Name = "Daily News",
        Introduction = "The morning briefing",
        MaxSubscriberNum = 5000,
    }, new CustomResourceOptions { Provider = app });
    var weather = new OfficialAccount("weather", new OfficialAccountArgs
    {
        OfficialAccountUserId = "@TOA#_csharp_weather",
        OwnerAccount = owner,
        Name = "天气预报",
    }, new CustomResourceOptions { Provider = app });

    // Function calls through the same provider. One account as the service reports it:
    // example-start: getOfficialAccount
    var newsLive = GetOfficialAccount.Invoke(new GetOfficialAccountInvokeArgs
    {
        OfficialAccountUserId = news.OfficialAccountUserId,
    }, new InvokeOptions { Provider = app });
    // example-end
    // Many accounts at once; the ones that do not exist are listed, not an error:
    // example-start: getOfficialAccounts
    var both = GetOfficialAccounts.Invoke(new GetOfficialAccountsInvokeArgs
    {
        OfficialAccountUserIds = { news.OfficialAccountUserId, weather.OfficialAccountUserId },
    }, new InvokeOptions { Provider = app });
    // example-end
    // Every account a user subscribes to, all pages followed:
    // example-start: getSubscribedOfficialAccounts
    var follows = GetSubscribedOfficialAccounts.Invoke(new GetSubscribedOfficialAccountsInvokeArgs
    {
        SubscriberAccount = owner,
    }, new InvokeOptions { Provider = app });
    // example-end

    return new Dictionary<string, object?>
    {
        ["newsId"] = news.OfficialAccountUserId,
        ["weatherId"] = weather.OfficialAccountUserId,
        ["newsLiveName"] = newsLive.Apply(live => live.Name),
        ["foundCount"] = both.Apply(found => found.Accounts.Length),
        ["ownerFollows"] = follows.Apply(result => result.TotalCount),
    };
});
