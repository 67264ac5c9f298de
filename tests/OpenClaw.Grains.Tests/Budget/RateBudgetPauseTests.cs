using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.Grains.Tests.Budget;

[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class RateBudgetPauseTests
{
    [Fact]
    public async Task QuotaExhausted_ReportedOnOneSilo_PausesEveryShopOnEverySiloButNotTokenRefresh()
    {
        await using var kit = await BudgetTestKit.StartAsync(BudgetTestKit.Midnight.AddHours(10));
        var silo0 = kit.Silo(0);
        var silo1 = kit.Silo(1);
        var pauseEnds = kit.Clock.GetUtcNow().AddHours(2);

        var agreed = await silo0.ReportQuotaExhaustedAsync("shop-a", retryAfter: null);
        var thrown = await Assert.ThrowsAsync<RateBudgetPausedException>(() =>
            silo1.AcquireAsync("shop-b", CallPriority.Webhook, TestContext.Current.CancellationToken).AsTask());
        var backfill = await silo1.TryAcquireAsync("shop-c", CallPriority.Backfill);
        var refresh = await silo1.AcquireAsync("shop-b", CallPriority.TokenRefresh, TestContext.Current.CancellationToken);
        var usage = await silo1.GetUsageAsync();
        kit.Clock.Advance(TimeSpan.FromHours(2));
        var afterPause = await silo1.TryAcquireAsync("shop-b", CallPriority.Incremental);

        Assert.Equal(pauseEnds, agreed);
        Assert.Equal((RateBudgetPauseReason.QuotaExhausted, pauseEnds), (thrown.Reason, thrown.RetryAt));
        Assert.Equal((RateBudgetPauseReason.QuotaExhausted, pauseEnds), (backfill.PauseReason, backfill.RetryAt));
        Assert.Equal(TimeSpan.Zero, refresh);
        Assert.Equal(pauseEnds, usage.PausedUntil);
        Assert.True(afterPause.Granted);
    }

    [Fact]
    public async Task QuotaExhausted_WithRetryAfter_PausesUntilThenAndALaterShorterReportDoesNotShortenIt()
    {
        await using var kit = await BudgetTestKit.StartAsync();
        var silo0 = kit.Silo(0);
        var silo1 = kit.Silo(1);
        var now = kit.Clock.GetUtcNow();

        var first = await silo0.ReportQuotaExhaustedAsync("shop-a", TimeSpan.FromMinutes(30));
        var second = await silo1.ReportQuotaExhaustedAsync("shop-b", TimeSpan.FromMinutes(5));
        var thrown = await Assert.ThrowsAsync<RateBudgetPausedException>(() =>
            silo1.AcquireAsync("shop-c", CallPriority.Incremental, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(now.AddMinutes(30), first);
        Assert.Equal(now.AddMinutes(30), second);
        Assert.Equal(now.AddMinutes(30), thrown.RetryAt);
    }

    [Fact]
    public async Task QuotaExhausted_ThroughTheClientInterface_ReachesTheOtherSilo()
    {
        await using var kit = await BudgetTestKit.StartAsync();
        IRateBudget silo0 = kit.Silo(0);
        var silo1 = kit.Silo(1);

        silo0.ReportQuotaExhausted("shop-a", TimeSpan.FromHours(1));

        await Eventually.UntilAsync(async () => (await silo1.TryAcquireAsync("shop-b", CallPriority.Webhook)).PauseReason == RateBudgetPauseReason.QuotaExhausted);
    }

    [Fact]
    public async Task RateLimited_ShortRetryAfter_PausesTheShopOnEverySiloAndAcquireWaitsItOut()
    {
        await using var kit = await BudgetTestKit.StartAsync();
        var silo0 = kit.Silo(0);
        var silo1 = kit.Silo(1);
        var now = kit.Clock.GetUtcNow();

        var until = await silo0.ReportRateLimitedAsync("shop-a", TimeSpan.FromSeconds(3));
        var paused = await silo1.TryAcquireAsync("shop-a", CallPriority.Webhook);
        var otherShop = await silo1.TryAcquireAsync("shop-b", CallPriority.Webhook);
        var refresh = await silo1.TryAcquireAsync("shop-a", CallPriority.TokenRefresh);
        var acquire = silo1.AcquireAsync("shop-a", CallPriority.Incremental, TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(100, TestContext.Current.CancellationToken);
        kit.Clock.Advance(TimeSpan.FromMilliseconds(2999));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        var doneEarly = acquire.IsCompleted;
        await kit.RunClockAsync(() => acquire.IsCompleted, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5));

        Assert.Equal(now.AddSeconds(3), until);
        Assert.Equal((RateBudgetPauseReason.ShopRateLimited, now.AddSeconds(3)), (paused.PauseReason, paused.RetryAt));
        Assert.True(otherShop.Granted);
        Assert.True(refresh.Granted);
        Assert.False(doneEarly);
        Assert.True(await acquire >= TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task RateLimited_RetryAfterLongerThanTheWaitLimit_ThrowsWithTheTime()
    {
        await using var kit = await BudgetTestKit.StartAsync();
        var budget = kit.Silo(0, o => o.MaxPauseWait = TimeSpan.FromSeconds(10));
        var now = kit.Clock.GetUtcNow();

        await budget.ReportRateLimitedAsync("shop", TimeSpan.FromMinutes(5));
        var thrown = await Assert.ThrowsAsync<RateBudgetPausedException>(() =>
            budget.AcquireAsync("shop", CallPriority.Webhook, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal((RateBudgetPauseReason.ShopRateLimited, now.AddMinutes(5), "shop", CallPriority.Webhook),
            (thrown.Reason, thrown.RetryAt, thrown.ShopId, thrown.Priority));
    }

    [Fact]
    public async Task RateLimited_WithoutRetryAfter_PausesForTheConfiguredTime()
    {
        await using var kit = await BudgetTestKit.StartAsync();
        var budget = kit.Silo(0, o => o.RateLimitPause = TimeSpan.FromSeconds(2));

        var until = await budget.ReportRateLimitedAsync("shop", retryAfter: null);

        Assert.Equal(kit.Clock.GetUtcNow().AddSeconds(2), until);
    }

    [Fact]
    public async Task RateLimited_RepeatedWithinTheWindow_HalvesTheAppRateWhichThenRecovers()
    {
        await using var kit = await BudgetTestKit.StartAsync();
        var budget = kit.Silo(0, o => { o.PerAppPerSecond = 100; o.AppSlowdownAfter = 3; o.AppSlowdownWindow = TimeSpan.FromSeconds(10); o.RecoveryPerSecond = 0.1; });

        await budget.ReportRateLimitedAsync("shop-a", null);
        await budget.ReportRateLimitedAsync("shop-b", null);
        var afterTwo = await budget.GetUsageAsync();
        await budget.ReportRateLimitedAsync("shop-c", null);
        var afterThree = await budget.GetUsageAsync();
        kit.Clock.Advance(TimeSpan.FromSeconds(2));
        var recovering = await budget.GetUsageAsync();
        kit.Clock.Advance(TimeSpan.FromSeconds(10));
        var recovered = await budget.GetUsageAsync();

        Assert.Equal(100, afterTwo.EffectivePerAppPerSecond, 6);
        Assert.Equal(50, afterThree.EffectivePerAppPerSecond, 6);
        Assert.Equal(70, recovering.EffectivePerAppPerSecond, 6);
        Assert.Equal(100, recovered.EffectivePerAppPerSecond, 6);
    }

    [Fact]
    public async Task RateLimited_ThenBucketRefills_AtHalfTheShopRate()
    {
        await using var kit = await BudgetTestKit.StartAsync();
        // 10/s per shop, 1 s bucket. A 429 empties the bucket and halves the rate, which recovers by 10 % per second: at
        // the end of the 1 s pause the bucket holds 6 tokens (10 without the halving), a second later 6 − 5 + 7 = 8.
        // Webhook calls leave 1 token: 5 grants, then 7.
        var budget = kit.Silo(0, o => { o.PerShopPerSecond = 10; o.BurstSeconds = 1; o.RecoveryPerSecond = 0.1; });

        await budget.ReportRateLimitedAsync("shop", TimeSpan.FromSeconds(1));
        kit.Clock.Advance(TimeSpan.FromSeconds(1));
        var atPauseEnd = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.Webhook);
        kit.Clock.Advance(TimeSpan.FromSeconds(1));
        var secondLater = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.Webhook);

        Assert.Equal(5, atPauseEnd);
        Assert.Equal(7, secondLater);
    }
}
