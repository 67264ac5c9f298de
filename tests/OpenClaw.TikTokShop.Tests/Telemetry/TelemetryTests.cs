using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenClaw.TikTokShop.Auth;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Configuration;
using OpenClaw.TikTokShop.Telemetry;
using OpenClaw.TikTokShop.Tests.Support;

namespace OpenClaw.TikTokShop.Tests.Telemetry;

[Collection(TelemetrySerial.Name)]
public sealed class TelemetryTests
{
    private const string Warehouses = """{"warehouses":[]}""";

    [Fact]
    public async Task A_call_is_one_span_with_the_agreed_attributes_and_http_attempts_as_children()
    {
        var calls = 0;
        await using var stub = await StubServer.StartAsync((context, _) =>
            Interlocked.Increment(ref calls) == 1
                ? StubServer.WriteAsync(context, 503, "busy")
                : StubServer.WriteAsync(context, 200, Envelopes.Success(Warehouses)));
        using var capture = new ActivityCapture();
        var client = TestClients.Client(stub.BaseUrl);

        await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken);

        var call = Assert.Single(capture.Activities, a => a.Source.Name == TikTokShopTelemetry.Name && a.GetTagItem(TikTokShopTelemetry.Attributes.ShopId) as string == TestClients.Shop.ShopId);
        Assert.Equal("/logistics/202309/warehouses", call.GetTagItem(TikTokShopTelemetry.Attributes.ApiPath));
        Assert.Equal(0, call.GetTagItem(TikTokShopTelemetry.Attributes.ResponseCode));
        Assert.Equal(Envelopes.RequestId, call.GetTagItem(TikTokShopTelemetry.Attributes.RequestId));
        Assert.Equal(200, call.GetTagItem(TikTokShopTelemetry.Attributes.HttpStatus));
        Assert.Equal(1, call.GetTagItem(TikTokShopTelemetry.Attributes.RetryCount));
        Assert.NotNull(call.GetTagItem(TikTokShopTelemetry.Attributes.RateLimitWaitMs));
        var attempts = capture.Activities.Where(a => a.Source.Name == "System.Net.Http" && a.ParentSpanId == call.SpanId).ToList();
        Assert.Equal(2, attempts.Count);
    }

    [Fact]
    public async Task Calls_errors_retries_and_latency_are_counted_on_the_meter()
    {
        await using var stub = await StubServer.AnsweringAsync(500, Envelopes.Error(36009003, "internal"));
        var measurements = new System.Collections.Concurrent.ConcurrentQueue<(string Instrument, double Value, string Tags)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == TikTokShopTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Describe(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Describe(tags))));
        listener.Start();
        var shop = TestClients.Shop with { ShopId = "metrics-shop" };

        await TestClients.Client(stub.BaseUrl, o => o.MaxRetries = 2).Fulfillment.ListWarehousesAsync(shop, cancellationToken: TestContext.Current.CancellationToken);

        var mine = measurements.Where(m => m.Tags.Contains("/logistics/202309/warehouses", StringComparison.Ordinal)).ToList();
        Assert.Contains(mine, m => m.Instrument == "openclaw.tiktok.calls" && m.Tags.Contains("outcome=Server", StringComparison.Ordinal));
        Assert.Contains(mine, m => m.Instrument == "openclaw.tiktok.errors" && m.Tags.Contains("error.key=36009003", StringComparison.Ordinal));
        Assert.True(mine.Count(m => m.Instrument == "openclaw.tiktok.retries") >= 2);
        Assert.Contains(mine, m => m.Instrument == "openclaw.tiktok.call.duration" && m.Value > 0);
    }

    private static string Describe(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var tag in tags)
        {
            parts.Add(tag.Key + "=" + tag.Value);
        }

        return string.Join(",", parts);
    }

    [Fact]
    public async Task Tokens_secrets_signatures_and_auth_codes_never_reach_spans_logs_errors_or_ToString()
    {
        const string authCode = "auth-code-do-not-leak";
        const string refreshToken = "refresh-token-do-not-leak";
        await using var stub = await StubServer.StartAsync((context, request) =>
            request.Path.StartsWith("/api/v2", StringComparison.Ordinal)
                ? StubServer.WriteAsync(context, 200, Envelopes.Error(36004004, "invalid auth code"))
                : StubServer.WriteAsync(context, 401, Envelopes.Error(106001, "invalid sign")));
        using var capture = new ActivityCapture();
        var logger = new RecordingLogger();
        var client = TestClients.Client(stub.BaseUrl, logger: logger);
        var auth = TestClients.Auth(stub.BaseUrl, logger: logger);

        var failed = await client.Orders.SearchAsync(TestClients.Shop, new Orders.OrderSearchQuery(), cancellationToken: TestContext.Current.CancellationToken);
        var exchange = await auth.ExchangeCodeAsync(authCode, cancellationToken: TestContext.Current.CancellationToken);
        var refresh = await auth.RefreshAsync(refreshToken, cancellationToken: TestContext.Current.CancellationToken);
        var thrown = Assert.Throws<OpenClaw.TikTokShop.Errors.TikTokShopException>(() => failed.GetValueOrThrow());

        var signs = stub.Requests.Where(r => r.Query.ContainsKey("sign")).Select(r => r.Query["sign"]).ToList();
        Assert.NotEmpty(signs);
        string[] secrets = [TestClients.AppSecret, TestClients.AccessToken, authCode, refreshToken, .. signs];
        string[] observed =
        [
            .. capture.AllText(), .. logger.Lines,
            failed.Error!.ToString(), exchange.Error!.ToString(), refresh.Error!.ToString(), thrown.Message, thrown.ToString(),
            TestClients.Options(stub.BaseUrl).ToString(), TestClients.Shop.ToString(),
            new TokenGrant(TestClients.AccessToken, DateTimeOffset.UnixEpoch, refreshToken, DateTimeOffset.UnixEpoch).ToString(),
        ];
        Assert.NotEmpty(logger.Lines);
        Assert.NotEmpty(capture.Activities);
        foreach (var text in observed)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Through_dependency_injection_the_http_client_logs_do_not_leak_secrets_either()
    {
        await using var stub = await StubServer.AnsweringAsync(200, Envelopes.Success(Warehouses));
        var logger = new RecordingLogger();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logger).SetMinimumLevel(LogLevel.Trace));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TikTokShop:AppKey"] = TestClients.AppKey,
            ["TikTokShop:AppSecret"] = TestClients.AppSecret,
            ["TikTokShop:ServiceId"] = "1",
            ["TikTokShop:ApiBaseUrl"] = stub.BaseUrl.ToString(),
            ["TikTokShop:AuthBaseUrl"] = stub.BaseUrl.ToString(),
            ["TikTokShop:AuthorizeBaseUrl"] = stub.BaseUrl.ToString(),
        }).Build();
        services.AddTikTokShopClient(configuration);
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<TikTokShopClient>().Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken);
        await provider.GetRequiredService<TikTokShopAuthClient>().RefreshAsync("refresh-secret-di", cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess);
        var sign = Assert.Single(stub.Requests, r => r.Query.ContainsKey("sign")).Query["sign"];
        // The factory's own request logs are captured (so the check below means something).
        Assert.Contains(logger.Lines, l => l.Contains("/logistics/202309/warehouses", StringComparison.Ordinal));
        foreach (var line in logger.Lines)
        {
            Assert.DoesNotContain(TestClients.AppSecret, line, StringComparison.Ordinal);
            Assert.DoesNotContain(TestClients.AccessToken, line, StringComparison.Ordinal);
            Assert.DoesNotContain(sign, line, StringComparison.Ordinal);
            Assert.DoesNotContain("refresh-secret-di", line, StringComparison.Ordinal);
        }
    }
}

/// <summary>Activity listeners are process-wide: telemetry tests run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetrySerial
{
    public const string Name = "telemetry";
}
