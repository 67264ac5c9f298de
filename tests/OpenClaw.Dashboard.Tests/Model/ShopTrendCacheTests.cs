namespace OpenClaw.Dashboard.Tests.Model;

public sealed class ShopTrendCacheTests
{
    private static readonly DayRange Week = new(new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 30), "Asia/Shanghai");

    [Fact]
    public async Task Dispose_WhileSparklinesLoad_EndsEveryLoadWithNoTrend_InsteadOfThrowingIntoTheCircuit()
    {
        // The overview disposes its cache when the operator picks another range; loads still running (four at the
        // API, the rest queued) used to throw into the Blazor circuit and end it.
        var api = new TestOpenClawApi { ShopMetricsHeld = new TaskCompletionSource() };
        var cache = new ShopTrendCache(api, Week);
        var loads = Enumerable.Range(1, 7).Select(i => cache.GetAsync("shop-" + i)).ToList();

        cache.Dispose();
        var trends = await Task.WhenAll(loads).WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);

        Assert.All(trends, Assert.Null);
    }

    [Fact]
    public async Task GetAsync_TheApiAnswers_GivesDailyPaidOrdersOldestFirst_AndAsksOncePerShop()
    {
        var calls = 0;
        var api = new TestOpenClawApi
        {
            ShopMetrics = id =>
            {
                Interlocked.Increment(ref calls);
                return ApiResults.Success(new ShopDailyMetrics(id, Week.First, Week.Last, [
                    new DayMetrics(new DateOnly(2026, 11, 30), SampleData.Summary(orders: 9)),
                    new DayMetrics(new DateOnly(2026, 11, 29), SampleData.Summary(orders: 4))]));
            },
        };
        using var cache = new ShopTrendCache(api, Week);

        var first = await cache.GetAsync("shop-1");
        var again = await cache.GetAsync("shop-1");

        Assert.Equal([4L, 9L], first);
        Assert.Same(first, again);
        Assert.Equal(1, calls);
    }
}
