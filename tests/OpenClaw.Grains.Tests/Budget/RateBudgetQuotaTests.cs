using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.Grains.Tests.Budget;

[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class RateBudgetQuotaTests
{
    private static readonly DateTimeOffset NextMidnight = BudgetTestKit.Midnight.AddDays(1);

    [Fact]
    public async Task DailyQuota_UsedFromTwoSilos_IsCountedOnceAndKeepsTheReserveForWebhooks()
    {
        await using var kit = await BudgetTestKit.StartAsync(BudgetTestKit.Midnight.AddHours(9));
        // 100 a day; incremental leaves 5 % to webhook calls, webhook calls may use all of it.
        var silo0 = kit.Silo(0, o => o.DailyQuota = 100);
        var silo1 = kit.Silo(1, o => o.DailyQuota = 100);

        var fromSilo0 = await BudgetTestKit.GrantsUntilRefusedAsync(silo0, "shop-a", CallPriority.Incremental, max: 50);
        var fromSilo1 = await BudgetTestKit.GrantsUntilRefusedAsync(silo1, "shop-b", CallPriority.Incremental);
        var reserved = await silo0.TryAcquireAsync("shop-c", CallPriority.Incremental);
        var webhook = await BudgetTestKit.GrantsUntilRefusedAsync(silo0, "shop-c", CallPriority.Webhook);
        var refused = await Assert.ThrowsAsync<RateBudgetPausedException>(() =>
            silo1.AcquireAsync("shop-d", CallPriority.Webhook, TestContext.Current.CancellationToken).AsTask());
        var refresh = await silo1.AcquireAsync("shop-d", CallPriority.TokenRefresh, TestContext.Current.CancellationToken);
        var usage = await silo1.GetUsageAsync();

        Assert.Equal((50, 45, 5), (fromSilo0, fromSilo1, webhook));
        Assert.Equal((RateBudgetPauseReason.DailyQuotaUsed, NextMidnight), (reserved.PauseReason, reserved.RetryAt));
        Assert.Equal((RateBudgetPauseReason.DailyQuotaUsed, NextMidnight), (refused.Reason, refused.RetryAt));
        Assert.Equal(TimeSpan.Zero, refresh);
        Assert.Equal(100, usage.UsedToday);
        Assert.Equal(new OpenClaw.Grains.Budget.CallsByPriority(1, 5, 95, 0), usage.UsedByPriority);
    }

    [Fact]
    public async Task DailyQuota_NextQuotaDay_StartsFromZero()
    {
        await using var kit = await BudgetTestKit.StartAsync(BudgetTestKit.Midnight.AddHours(23));
        var budget = kit.Silo(0, o => o.DailyQuota = 10);
        var today = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.Webhook);

        kit.Clock.SetUtcNow(NextMidnight);
        var tomorrow = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.Webhook, max: 3);
        var usage = await budget.GetUsageAsync();

        Assert.Equal(10, today);
        Assert.Equal(3, tomorrow);
        Assert.Equal((DateOnly.FromDateTime(NextMidnight.Date), 3L), (usage.Day, usage.UsedToday));
    }

    [Fact]
    public async Task DailyQuota_InAnotherTimeZone_TurnsOverAtThatZonesMidnight()
    {
        // 15:59 UTC is 23:59 in Shanghai (UTC+8, no daylight saving).
        await using var kit = await BudgetTestKit.StartAsync(BudgetTestKit.Midnight.AddHours(15).AddMinutes(59));
        var budget = kit.Silo(0, o => { o.DailyQuota = 5; o.QuotaDayTimeZone = "Asia/Shanghai"; });
        var before = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.Webhook);
        var refused = await budget.TryAcquireAsync("shop", CallPriority.Webhook);

        kit.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.Webhook, max: 2);
        var usage = await budget.GetUsageAsync();

        Assert.Equal(5, before);
        Assert.Equal(BudgetTestKit.Midnight.AddHours(16), refused.RetryAt);
        Assert.Equal(2, after);
        Assert.Equal(new DateOnly(2026, 12, 1), usage.Day);
        Assert.Equal(BudgetTestKit.Midnight.AddDays(1).AddHours(16), usage.DayEndsAt);
    }

    [Fact]
    public async Task Backfill_AheadOfTheLinearPace_IsRefusedUntilThePaceCatchesUp()
    {
        // Quota 1,000, backfill leaves 25 %: at 06:00 (a quarter of the day) backfill may bring the day's use to 187.5.
        await using var kit = await BudgetTestKit.StartAsync(BudgetTestKit.Midnight.AddHours(6));
        var budget = kit.Silo(0, o => { o.DailyQuota = 1000; o.BackfillQuotaReserve = 0.25; o.BackfillPaceHeadStart = 0; });

        var backfill = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.Backfill);
        var refused = await budget.TryAcquireAsync("shop", CallPriority.Backfill);
        var incremental = await budget.TryAcquireAsync("shop", CallPriority.Incremental);
        var thrown = await Assert.ThrowsAsync<RateBudgetPausedException>(() =>
            budget.AcquireAsync("other-shop", CallPriority.Backfill, TestContext.Current.CancellationToken).AsTask());

        // Refused at 188 used: the pace passes 188 at 188 / 750 of the day (the silo remembers that time, so the second
        // refusal costs no round trip). By then 189 are used (one incremental call): the pace passes 189 later.
        var paceAt188 = BudgetTestKit.Midnight.AddMilliseconds((188 * 86_400_000L / 750) + 1);
        var paceAt189 = BudgetTestKit.Midnight.AddMilliseconds((189 * 86_400_000L / 750) + 1);
        kit.Clock.SetUtcNow(paceAt188);
        var atFirstRetry = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.Backfill);
        kit.Clock.SetUtcNow(paceAt189);
        var afterPace = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.Backfill);

        Assert.Equal(188, backfill);
        Assert.Equal((RateBudgetPauseReason.BackfillAheadOfPace, paceAt188), (refused.PauseReason, refused.RetryAt));
        Assert.True(incremental.Granted);
        Assert.Equal((RateBudgetPauseReason.BackfillAheadOfPace, paceAt188), (thrown.Reason, thrown.RetryAt));
        Assert.Equal(0, atFirstRetry);
        Assert.Equal(1, afterPace);
    }

    [Fact]
    public async Task Backfill_RightAfterTheQuotaDayBegins_MayUseItsHeadStartAtOnce()
    {
        // Quota 1,000, backfill leaves 25 % (cap 750), head start 25 %: at 00:00 backfill may bring the day's use to
        // 187.5 at once (with no head start: nothing until the day moves on). The pace passes 188 when
        // 750 × (0.25 + 0.75 f) = 188, i.e. f = 0.000889 of the day: 76.8 s after midnight.
        await using var kit = await BudgetTestKit.StartAsync(BudgetTestKit.Midnight);
        var budget = kit.Silo(0, o => { o.DailyQuota = 1000; o.BackfillQuotaReserve = 0.25; o.BackfillPaceHeadStart = 0.25; });

        var backfill = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.Backfill);
        var refused = await budget.TryAcquireAsync("shop", CallPriority.Backfill);

        Assert.Equal(188, backfill);
        Assert.Equal((RateBudgetPauseReason.BackfillAheadOfPace, BudgetTestKit.Midnight.AddMilliseconds(76_801)), (refused.PauseReason, refused.RetryAt));
    }

    [Fact]
    public async Task Backfill_EvenBehindPace_NeverTouchesTheReserve()
    {
        // At 23:59 the pace allows nearly all of 70 %: backfill stops at 70 of 100, incremental goes on to 95.
        await using var kit = await BudgetTestKit.StartAsync(BudgetTestKit.Midnight.AddHours(23).AddMinutes(59));
        var budget = kit.Silo(0, o => { o.DailyQuota = 100; o.BackfillQuotaReserve = 0.30; });

        var backfill = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.Backfill);
        var incremental = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.Incremental);

        Assert.Equal((70, 25), (backfill, incremental));
    }
}
