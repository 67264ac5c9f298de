using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using OpenClaw.TikTokShop.Auth;
using OpenClaw.TikTokShop.Configuration;
using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Tests.Support;

namespace OpenClaw.TikTokShop.Tests.Configuration;

/// <summary>
/// In a real OpenClaw host, <c>AddServiceDefaults</c> puts the standard resilience handler on every HttpClient. The
/// TikTok Shop clients retry in their own pipeline, so each of their attempts must reach the server exactly once.
/// </summary>
public sealed class ServiceDefaultsResilienceTests
{
    private const int TikTokRetries = 2;
    private const int StandardRetries = 2;
    private const string PlainClient = "plain";

    [Fact]
    public async Task TikTok_clients_make_only_their_own_attempts_while_an_ordinary_client_gets_standard_retries()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await StubServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return context.Response.WriteAsync("overload protection", context.RequestAborted);
        });
        using var host = BuildHost(stub.BaseUrl);
        await host.StartAsync(ct);

        var api = await host.Services.GetRequiredService<TikTokShopClient>().Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: ct);
        var auth = await host.Services.GetRequiredService<TikTokShopAuthClient>().RefreshAsync("RT", ct);
        using (var plain = await host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(PlainClient).GetAsync(new Uri(stub.BaseUrl, "/plain"), ct))
        {
            Assert.Equal(503, (int)plain.StatusCode);
        }

        await host.StopAsync(ct);

        // Stacked under the standard handler every TikTok attempt would become 1 + StandardRetries requests.
        Assert.Equal(ErrorCategory.Server, api.Error!.Category);
        Assert.Equal(TikTokRetries, api.RetryCount);
        Assert.Equal(1 + TikTokRetries, RequestsTo(stub, "/logistics/202309/warehouses"));
        Assert.Equal(ErrorCategory.Server, auth.Error!.Category);
        Assert.Equal(1 + TikTokRetries, RequestsTo(stub, "/api/v2/token/refresh"));
        // The control: the same host's ordinary client is retried by the standard handler.
        Assert.Equal(1 + StandardRetries, RequestsTo(stub, "/plain"));
    }

    private static IHost BuildHost(Uri stubUrl)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "openclaw-tiktok-resilience-test",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TikTokShop:AppKey"] = TestClients.AppKey,
            ["TikTokShop:AppSecret"] = TestClients.AppSecret,
            ["TikTokShop:ServiceId"] = "7000000000000000001",
            ["TikTokShop:ApiBaseUrl"] = stubUrl.ToString(),
            ["TikTokShop:AuthBaseUrl"] = stubUrl.ToString(),
            ["TikTokShop:AuthorizeBaseUrl"] = stubUrl.ToString(),
            ["TikTokShop:MaxRetries"] = TikTokRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TikTokShop:RetryBaseDelay"] = "00:00:00.005",
        });
        builder.AddServiceDefaults();
        builder.Services.AddTikTokShopClient(builder.Configuration);
        builder.Services.AddHttpClient(PlainClient);
        // The standard handler's own delays are seconds long; only the number of attempts matters here.
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(o =>
        {
            o.Retry.MaxRetryAttempts = StandardRetries;
            o.Retry.Delay = TimeSpan.FromMilliseconds(5);
        });
        return builder.Build();
    }

    private static int RequestsTo(StubServer stub, string pathSuffix) =>
        stub.Requests.Count(r => r.Path.EndsWith(pathSuffix, StringComparison.Ordinal));
}
