using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Orders;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.TikTokShop.Tests.Contract;

[Collection(SimulatorGroup.Name)]
public sealed class FaultContractTests(SimulatorFixture sim) : IAsyncLifetime
{
    private static readonly OrderSearchQuery AllOrders = new()
    {
        UpdateTimeFrom = DateTimeOffset.FromUnixTimeSeconds(1),
        UpdateTimeTo = DateTimeOffset.UtcNow.AddYears(1),
        PageSize = 20,
    };

    private ShopAccess _shop = null!;

    public async ValueTask InitializeAsync()
    {
        await sim.ClearFaultsAsync();
        (_shop, _) = await sim.ConnectAsync(0);
    }

    public async ValueTask DisposeAsync()
    {
        await sim.ClearFaultsAsync();
        await sim.PutAsync("/_sim/rate-limit", new { per_shop_per_second = 50, per_app_per_second = 2000 });
    }

    [Fact]
    public async Task Latency_beyond_the_attempt_timeout_becomes_a_timeout_error()
    {
        await Fault("latency", new { delay_ms = 1500, count = 5 });

        var result = await sim.Client(o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(300); o.MaxRetries = 1; }).Fulfillment.ListWarehousesAsync(_shop, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCatalogue.Keys.Timeout, result.Error!.Entry.Key);
    }

    [Fact]
    public async Task A_stalled_connection_becomes_a_timeout_error()
    {
        await Fault("stall", new { delay_ms = 3000, count = 5 });

        var result = await sim.Client(o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(300); o.MaxRetries = 1; }).Fulfillment.ListWarehousesAsync(_shop, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCatalogue.Keys.Timeout, result.Error!.Entry.Key);
    }

    [Fact]
    public async Task A_burst_of_503s_is_retried_then_succeeds()
    {
        await Fault("http_status", new { status = 503, count = 2 });

        var result = await sim.Client().Fulfillment.ListWarehousesAsync(_shop, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, result.RetryCount);
    }

    [Theory]
    [InlineData("malformed_json")]
    [InlineData("wrong_types")]
    public async Task Broken_bodies_become_typed_bad_response_errors(string kind)
    {
        await Fault(kind, new { count = 1, path_prefix = "/order/" });

        var result = await sim.Client(o => o.MaxRetries = 0).Orders.SearchAsync(_shop, AllOrders, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCategory.BadResponse, result.Error.Category);
    }

    [Fact]
    public async Task A_truncated_body_without_retries_is_a_typed_retryable_error()
    {
        await Fault("truncated_body", new { count = 1, path_prefix = "/order/" });

        var result = await sim.Client(o => o.MaxRetries = 0).Orders.SearchAsync(_shop, AllOrders, cancellationToken: TestContext.Current.CancellationToken);

        // The simulator sends the headers and half the promised body, then resets the connection.
        Assert.Equal(ErrorCatalogue.Keys.TruncatedResponse, result.Error!.Entry.Key);
        Assert.True(result.Error.IsRetryable);
    }

    [Fact]
    public async Task A_truncated_body_is_retried_because_the_next_answer_may_be_whole()
    {
        await Fault("truncated_body", new { count = 1, path_prefix = "/order/" });

        var result = await sim.Client().Orders.SearchAsync(_shop, AllOrders, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess);
        Assert.Equal(1, result.RetryCount);
    }

    [Theory]
    [InlineData("duplicate_page")]
    [InlineData("out_of_order_page")]
    public async Task Duplicate_and_reordered_pages_lose_no_orders(string kind)
    {
        var client = sim.Client();
        var clean = await CollectAsync(client);
        await Fault(kind, new { count = 2, path_prefix = "/order/" });

        var faulted = await CollectAsync(client);

        Assert.Equal(clean.Order(), faulted.Order());
        Assert.Empty(await sim.FaultsAsync());
    }

    [Fact]
    public async Task Injected_rate_limit_with_retry_after_is_reported_to_the_budget_and_honoured()
    {
        await Fault("rate_limit", new { retry_after_seconds = 1, count = 1 });
        var budget = new CountingBudget(new TokenBucketRateBudget());
        var started = TimeProvider.System.GetTimestamp();

        var result = await sim.Client(budget: budget).Fulfillment.ListWarehousesAsync(_shop, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess);
        Assert.Equal([TimeSpan.FromSeconds(1)], budget.Reports);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task Under_a_tight_simulator_rate_limit_the_budget_backs_off_and_every_call_completes()
    {
        await sim.PutAsync("/_sim/rate-limit", new { per_shop_per_second = 5, per_app_per_second = 2000 });
        var budget = new CountingBudget(new TokenBucketRateBudget(new TokenBucketRateBudgetOptions { PerShopPerSecond = 20, Burst = 20 }));
        var client = sim.Client(o => o.MaxRetries = 6, budget);

        var results = await Task.WhenAll(Enumerable.Range(0, 15).Select(_ => client.Fulfillment.ListWarehousesAsync(_shop)));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.ToString()));
        Assert.NotEmpty(budget.Reports);
        // Backing off means far fewer rejected attempts than a blind retry storm (15 calls x 6 retries).
        Assert.InRange(budget.Reports.Count, 1, 30);
    }

    private Task<string> Fault(string kind, object extra)
    {
        var rule = new Dictionary<string, object?> { ["kind"] = kind, ["shop_id"] = _shop.ShopId };
        foreach (var property in extra.GetType().GetProperties())
        {
            rule[property.Name] = property.GetValue(extra);
        }

        return sim.FaultAsync(rule);
    }

    private async Task<List<string>> CollectAsync(TikTokShopClient client)
    {
        var ids = new List<string>();
        await foreach (var page in client.Orders.SearchPagesAsync(_shop, AllOrders))
        {
            ids.AddRange(page.Items.Select(o => o.Id));
        }

        return ids;
    }

    private sealed class CountingBudget(IRateBudget inner) : IRateBudget
    {
        public List<TimeSpan?> Reports { get; } = [];

        public ValueTask<TimeSpan> AcquireAsync(string shopId, CallPriority priority, CancellationToken cancellationToken) =>
            inner.AcquireAsync(shopId, priority, cancellationToken);

        public void ReportRateLimited(string shopId, TimeSpan? retryAfter)
        {
            lock (Reports)
            {
                Reports.Add(retryAfter);
            }

            inner.ReportRateLimited(shopId, retryAfter);
        }
    }
}
