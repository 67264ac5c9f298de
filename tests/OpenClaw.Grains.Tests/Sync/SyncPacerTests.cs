using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Grains.Budget;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Tests.Budget;
using OpenClaw.TestSupport;

namespace OpenClaw.Grains.Tests.Sync;

/// <summary>The silo's polling plan over a real budget in Redis, on a fake clock.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class SyncPacerTests
{
    [Fact]
    public async Task PlannedInterval_ShopNotReportedWithinActiveFor_KeepsItsLastPlannedInterval()
    {
        // Found by the sync bench: a shop whose turn waited long for the budget dropped out of the plan and then polled
        // at its configured interval, spending quota exactly while the budget was contended.
        await using var kit = await BudgetTestKit.StartAsync(BudgetTestKit.Midnight.AddHours(12));
        var budget = kit.Silo(0, o => o.DailyQuota = 1_000);
        var pacer = new SyncPacer(budget, new PollingPlanner(), kit.Connections[0], kit.Clock, NullLogger<SyncPacer>.Instance);
        pacer.Report(new ShopPollingProfile("shop-a", CallsPerCycle: 5, ChangesPerHour: 1, WebhooksCover: false));
        pacer.Report(new ShopPollingProfile("shop-b", CallsPerCycle: 5, ChangesPerHour: 1, WebhooksCover: false));
        await pacer.RefreshIfDueAsync();
        var planned = pacer.PlannedInterval("shop-a");
        Assert.True(planned > TimeSpan.FromMinutes(5), $"800 calls over 12 h cannot poll two 5-call shops every {planned}");

        kit.Clock.Advance(SyncPacer.ActiveFor + TimeSpan.FromMinutes(1));
        pacer.Report(new ShopPollingProfile("shop-b", CallsPerCycle: 5, ChangesPerHour: 1, WebhooksCover: false));
        await pacer.RefreshIfDueAsync();

        Assert.Equal(planned, pacer.PlannedInterval("shop-a"));
        Assert.NotEqual(planned, pacer.PlannedInterval("shop-b")); // re-planned alone, with the whole share
    }

    [Fact]
    public async Task Plan_IncrementalShareOfTheQuotaUsed_PlansNoPollingBeforeTheDayEndsAndDefersTracking()
    {
        // Found by the sync bench: planned against the whole quota, polling and tracking ran into incremental sync's own
        // limit (95 % of the quota) in the last half hour of the day.
        await using var kit = await BudgetTestKit.StartAsync(BudgetTestKit.Midnight.AddHours(12));
        var budget = kit.Silo(0, o => o.DailyQuota = 1_000);
        for (var i = 0; i < 950; i++)
        {
            Assert.True((await budget.TryAcquireAsync("busy-" + (i % 10), OpenClaw.TikTokShop.Resilience.CallPriority.Incremental)).Granted);
        }

        var pacer = new SyncPacer(budget, new PollingPlanner(), kit.Connections[0], kit.Clock, NullLogger<SyncPacer>.Instance);
        pacer.Report(new ShopPollingProfile("shop-a", 5, 1, false));
        await pacer.RefreshIfDueAsync();

        Assert.Equal(TimeSpan.FromHours(12), pacer.PlannedInterval("shop-a")); // next poll when the next quota day starts
        Assert.False(pacer.AffordsDeferrable);
    }

    [Fact]
    public async Task PlannedInterval_ShopForgotten_FallsBackToNone()
    {
        await using var kit = await BudgetTestKit.StartAsync(BudgetTestKit.Midnight.AddHours(12));
        var budget = kit.Silo(0, o => o.DailyQuota = 1_000);
        var pacer = new SyncPacer(budget, new PollingPlanner(), kit.Connections[0], kit.Clock, NullLogger<SyncPacer>.Instance);
        pacer.Report(new ShopPollingProfile("shop-a", 5, 1, false));
        await pacer.RefreshIfDueAsync();
        Assert.NotEqual(TimeSpan.Zero, pacer.PlannedInterval("shop-a"));

        pacer.Forget("shop-a");
        kit.Clock.Advance(SyncPacer.RefreshEvery);
        await pacer.RefreshIfDueAsync();

        Assert.Equal(TimeSpan.Zero, pacer.PlannedInterval("shop-a"));
    }
}
