using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.TikTokShop.Tests.Resilience;

public sealed class TokenBucketRateBudgetTests
{
    [Fact]
    public async Task Backfill_leaves_half_the_bucket_to_higher_priorities()
    {
        // One token per 100 s: nothing refills during the test, however slow the machine is.
        var budget = new TokenBucketRateBudget(new TokenBucketRateBudgetOptions { PerShopPerSecond = 0.01, Burst = 10 });

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(TimeSpan.Zero, await budget.AcquireAsync("s", CallPriority.Backfill, CancellationToken.None));
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => budget.AcquireAsync("s", CallPriority.Backfill, cts.Token).AsTask());
        Assert.Equal(TimeSpan.Zero, await budget.AcquireAsync("s", CallPriority.Webhook, CancellationToken.None));
        Assert.Equal(TimeSpan.Zero, await budget.AcquireAsync("s", CallPriority.TokenRefresh, CancellationToken.None));
    }

    [Fact]
    public async Task Shops_have_separate_buckets()
    {
        var budget = new TokenBucketRateBudget(new TokenBucketRateBudgetOptions { PerShopPerSecond = 1, Burst = 1 });

        await budget.AcquireAsync("a", CallPriority.TokenRefresh, CancellationToken.None);

        Assert.Equal(TimeSpan.Zero, await budget.AcquireAsync("b", CallPriority.TokenRefresh, CancellationToken.None));
    }

    [Fact]
    public async Task A_rate_limit_report_pauses_the_shop_for_the_retry_after()
    {
        var budget = new TokenBucketRateBudget(new TokenBucketRateBudgetOptions { PerShopPerSecond = 1000, Burst = 100 });
        var reported = TimeProvider.System.GetTimestamp();
        budget.ReportRateLimited("s", TimeSpan.FromMilliseconds(300));

        var waited = await budget.AcquireAsync("s", CallPriority.Webhook, CancellationToken.None);

        // Whatever the scheduler did between the two calls, nothing is granted before the pause ends.
        Assert.True(TimeProvider.System.GetElapsedTime(reported) >= TimeSpan.FromMilliseconds(295));
        Assert.True(waited > TimeSpan.Zero);
    }
}
