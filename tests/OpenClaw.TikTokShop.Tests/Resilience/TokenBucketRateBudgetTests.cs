using Microsoft.Extensions.Time.Testing;
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

    [Fact]
    public async Task A_quota_exhausted_report_pauses_every_shop_but_not_token_refresh_until_retry_after()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
        var budget = new TokenBucketRateBudget(new TokenBucketRateBudgetOptions { PerShopPerSecond = 1000, Burst = 100 }, clock);

        budget.ReportQuotaExhausted("a", TimeSpan.FromMinutes(30));
        var thrown = await Assert.ThrowsAsync<RateBudgetPausedException>(() => budget.AcquireAsync("b", CallPriority.Webhook, CancellationToken.None).AsTask());
        var refresh = await budget.AcquireAsync("b", CallPriority.TokenRefresh, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(30));
        var afterPause = await budget.AcquireAsync("b", CallPriority.Backfill, CancellationToken.None);

        Assert.Equal((RateBudgetPauseReason.QuotaExhausted, clock.Start.AddMinutes(30), "b"), (thrown.Reason, thrown.RetryAt, thrown.ShopId));
        Assert.Equal(TimeSpan.Zero, refresh);
        Assert.Equal(TimeSpan.Zero, afterPause);
    }

    [Fact]
    public async Task A_quota_exhausted_report_without_retry_after_pauses_for_the_configured_two_hours()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
        var budget = new TokenBucketRateBudget(timeProvider: clock);

        budget.ReportQuotaExhausted("a", null);
        clock.Advance(TimeSpan.FromMinutes(119));
        var thrown = await Assert.ThrowsAsync<RateBudgetPausedException>(() => budget.AcquireAsync("a", CallPriority.Incremental, CancellationToken.None).AsTask());

        Assert.Equal(clock.Start.AddHours(2), thrown.RetryAt);
    }
}
