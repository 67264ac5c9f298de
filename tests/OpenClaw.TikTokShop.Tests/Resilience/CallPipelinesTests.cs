using Microsoft.Extensions.Time.Testing;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Tests.Support;
using OpenClaw.TikTokShop.Transport;

namespace OpenClaw.TikTokShop.Tests.Resilience;

/// <summary>
/// Per shop and endpoint pipelines are dropped when idle (a silo serves thousands of shops), without changing what a
/// circuit does while it matters.
/// </summary>
public sealed class CallPipelinesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pipelines_IdleLongerThanTheTimeout_AreDropped()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var pipelines = new CallPipelines(TestClients.Options(new Uri("http://127.0.0.1:9")), time);
        foreach (var shop in Enumerable.Range(0, 200))
        {
            pipelines.CircuitFor("shop-" + shop, "/order/202309/orders/search");
            pipelines.CircuitFor("shop-" + shop, "/logistics/202309/warehouses");
        }

        var kept = pipelines.Count;
        time.Advance(pipelines.IdleTimeout - TimeSpan.FromSeconds(1));
        pipelines.CircuitFor("shop-0", "/order/202309/orders/search"); // used again: its idle time starts over
        time.Advance(TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(() =>
        {
            pipelines.CircuitFor("shop-new", "/order/202309/orders/search"); // any use lets the cache sweep what expired
            return Task.FromResult(pipelines.Count == 2);
        }, TimeSpan.FromSeconds(10), () => $"{pipelines.Count} pipelines kept");

        Assert.Equal(400, kept);
    }

    [Fact]
    public async Task OpenCircuit_KeptThroughItsBreak_ThenAnIdleShopStartsClosed()
    {
        await using var stub = await StubServer.AnsweringAsync(500, Envelopes.Error(36009003, "internal"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Client(stub.BaseUrl, o =>
        {
            o.MaxRetries = 0;
            o.CircuitMinimumThroughput = 2;
            o.CircuitFailureRatio = 0.5;
            o.CircuitSamplingDuration = TimeSpan.FromSeconds(30);
            o.CircuitBreakDuration = TimeSpan.FromSeconds(30);
        }, time: time);

        await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: Ct);
        await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: Ct);
        time.Advance(TimeSpan.FromSeconds(29)); // within the break, and idle: still the same open circuit
        var duringBreak = await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: Ct);
        var sentDuringBreak = stub.Requests.Count;
        time.Advance(TimeSpan.FromMinutes(3)); // idle past the timeout: forgotten, the next call goes to TikTok
        var afterIdle = await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: Ct);

        Assert.Equal(ErrorCatalogue.Keys.CircuitOpen, duringBreak.Error!.Entry.Key);
        Assert.Equal(2, sentDuringBreak);
        Assert.Equal(36009003, afterIdle.Error!.Code);
        Assert.Equal(3, stub.Requests.Count);
    }
}
