using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.Grains.Tests.Budget;

/// <summary>
/// Sync calls (incremental, backfill) wait at most <c>SyncMaxWait</c>, then are refused with the time to try again, so a
/// sync turn gives its grain back; webhook calls keep waiting (ARCHITECTURE §3: long I/O does not hold other callers).
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class RateBudgetSyncWaitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShopPaused_ShorterThanMaxPauseWaitLongerThanSyncMaxWait_SyncCallRefusedWebhookWaits()
    {
        await using var kit = await BudgetTestKit.StartAsync();
        var budget = kit.Silo(0, o => { o.MaxPauseWait = TimeSpan.FromSeconds(10); o.SyncMaxWait = TimeSpan.FromSeconds(1); });
        var until = await budget.ReportRateLimitedAsync("shop", TimeSpan.FromSeconds(5));

        var incremental = await Assert.ThrowsAsync<RateBudgetPausedException>(() => budget.AcquireAsync("shop", CallPriority.Incremental, Ct).AsTask());
        var backfill = await Assert.ThrowsAsync<RateBudgetPausedException>(() => budget.AcquireAsync("shop", CallPriority.Backfill, Ct).AsTask());
        var webhook = budget.AcquireAsync("shop", CallPriority.Webhook, Ct).AsTask();
        await kit.RunClockAsync(() => webhook.IsCompleted, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30));

        Assert.Equal((RateBudgetPauseReason.ShopRateLimited, until), (incremental.Reason, incremental.RetryAt));
        Assert.Equal((RateBudgetPauseReason.ShopRateLimited, until), (backfill.Reason, backfill.RetryAt));
        Assert.True(await webhook >= TimeSpan.FromSeconds(5), "the webhook call did not wait the pause out");
    }

    [Fact]
    public async Task AppTokensUsedUp_WaitLongerThanSyncMaxWait_RefusedAsContendedAtTheNextPermit()
    {
        await using var kit = await BudgetTestKit.StartAsync();
        var budget = kit.Silo(0, o => { o.PerAppPerSecond = 2; o.BurstSeconds = 1; o.SyncMaxWait = TimeSpan.FromMilliseconds(100); });
        var granted = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop-a", CallPriority.Webhook);
        var now = kit.Clock.GetUtcNow();

        var thrown = await Assert.ThrowsAsync<RateBudgetPausedException>(() => budget.AcquireAsync("shop-b", CallPriority.Incremental, Ct).AsTask());
        kit.Clock.Advance(thrown.RetryAt - now);
        var retried = await budget.AcquireAsync("shop-b", CallPriority.Incremental, Ct);

        Assert.True(granted > 0);
        Assert.Equal(RateBudgetPauseReason.Contended, thrown.Reason);
        Assert.True(thrown.RetryAt > now + TimeSpan.FromMilliseconds(100), $"retry at {thrown.RetryAt:O}, now {now:O}");
        Assert.Equal(TimeSpan.Zero, retried);
    }

    [Fact]
    public async Task LineLongerThanSyncMaxWait_CallerStillInLineAtTheDeadline_RefusedAsContended()
    {
        await using var kit = await BudgetTestKit.StartAsync();
        var budget = kit.Silo(0, o => { o.PerAppPerSecond = 2; o.BurstSeconds = 1; o.SyncMaxWait = TimeSpan.FromSeconds(1); });
        await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop-0", CallPriority.Webhook);

        // Twenty shops queue at 2/s for incremental calls: the last ones cannot be served within a second.
        var calls = Enumerable.Range(1, 20).Select(i => budget.AcquireAsync($"shop-{i}", CallPriority.Incremental, Ct).AsTask()).ToList();
        await kit.RunClockAsync(() => calls.All(c => c.IsCompleted), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30));

        var refused = calls.Where(c => c.IsFaulted).Select(c => Assert.IsType<RateBudgetPausedException>(c.Exception!.InnerException)).ToList();
        Assert.NotEmpty(refused);
        Assert.Contains(calls, c => c.IsCompletedSuccessfully);
        Assert.All(refused, e => Assert.Equal(RateBudgetPauseReason.Contended, e.Reason));
    }
}
