using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Grains.Budget;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Resilience;
using Orleans.Serialization;
using StackExchange.Redis;

namespace OpenClaw.Grains.Tests.Budget;

[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class RateBudgetUsageTests
{
    [Theory]
    [InlineData(50_000, false)]
    [InlineData(40_000, true)]
    public async Task Usage_AfterAQuarterHourAtOneCallPerSecond_CountsPerPriorityAndForecastsTheDay(long quota, bool exceeds)
    {
        // From 11:45 to 12:00, 60 calls a minute from two silos: 40 incremental, 15 webhook, 5 backfill; 2 refreshes.
        await using var kit = await BudgetTestKit.StartAsync(BudgetTestKit.Midnight.AddHours(11).AddMinutes(45));
        var silo0 = kit.Silo(0, o => o.DailyQuota = quota);
        var silo1 = kit.Silo(1, o => o.DailyQuota = quota);
        for (var minute = 0; minute < 15; minute++)
        {
            await TakeAsync(silo0, "shop-a", CallPriority.Incremental, 40);
            await TakeAsync(silo1, "shop-b", CallPriority.Webhook, 15);
            await TakeAsync(silo1, "shop-c", CallPriority.Backfill, 5);
            kit.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await silo0.AcquireAsync("shop-a", CallPriority.TokenRefresh, TestContext.Current.CancellationToken);
        await silo1.AcquireAsync("shop-b", CallPriority.TokenRefresh, TestContext.Current.CancellationToken);
        var usage = await silo0.GetUsageAsync();

        // The window is the last 15 minutes of the day so far: 14 whole minutes (840 calls) and 0 s of the current one.
        Assert.Equal(new DateOnly(2026, 11, 30), usage.Day);
        Assert.Equal(BudgetTestKit.Midnight.AddDays(1), usage.DayEndsAt);
        Assert.Equal((quota, 900L), (usage.DailyQuota, usage.UsedToday));
        Assert.Equal(new CallsByPriority(2, 225, 600, 75), usage.UsedByPriority);
        Assert.Equal(1.0, usage.RecentPerSecond, 9);
        Assert.Equal(900 + (12 * 3600), usage.ForecastForDay);
        Assert.Equal(exceeds, usage.ForecastExceedsQuota);
        Assert.Null(usage.PausedUntil);
        Assert.Equal(1000, usage.EffectivePerAppPerSecond, 9);
        Assert.Equal(kit.Clock.GetUtcNow(), usage.AsOf);
    }

    [Fact]
    public async Task Usage_EarlyInTheDay_RatesOverTheTimeSinceMidnightOnly()
    {
        await using var kit = await BudgetTestKit.StartAsync(BudgetTestKit.Midnight.AddSeconds(30));
        var budget = kit.Silo(0);
        await TakeAsync(budget, "shop", CallPriority.Incremental, 60);

        var usage = await budget.GetUsageAsync();

        Assert.Equal(2.0, usage.RecentPerSecond, 9);
        Assert.Equal(60 + (2 * (86_400 - 30)), usage.ForecastForDay);
    }

    [Fact]
    public async Task SharedUsage_IsReadOncePerMaxAgeForEveryCaller_AndFreshAfterIt()
    {
        await using var kit = await BudgetTestKit.StartAsync(BudgetTestKit.Midnight.AddHours(9));
        var budget = kit.Silo(0);
        await TakeAsync(budget, "shop-a", CallPriority.Incremental, 10);
        var maxAge = TimeSpan.FromSeconds(5);

        var first = await budget.GetSharedUsageAsync(maxAge);
        await TakeAsync(budget, "shop-b", CallPriority.Incremental, 5);
        kit.Clock.Advance(TimeSpan.FromSeconds(4));
        var shared = await budget.GetSharedUsageAsync(maxAge);
        kit.Clock.Advance(TimeSpan.FromSeconds(1));
        var fresh = await budget.GetSharedUsageAsync(maxAge);

        Assert.Equal(10, first.UsedToday);
        Assert.Same(first, shared); // the 10,000 shops of a silo share one read
        Assert.Equal(15, fresh.UsedToday);
        Assert.Equal(15, (await budget.GetUsageAsync()).UsedToday);
    }

    [Fact]
    public void Usage_RoundTripsThroughTheOrleansSerializer()
    {
        var usage = new RateBudgetUsage("app", new DateOnly(2026, 11, 30), BudgetTestKit.Midnight.AddDays(1), 50_000, 900,
            new CallsByPriority(2, 225, 600, 75), BudgetTestKit.Midnight.AddHours(2), 100, 50, 1.5, 44_100, false, BudgetTestKit.Midnight);
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        Assert.Equal(usage, serializer.Deserialize<RateBudgetUsage>(serializer.SerializeToArray(usage)));
    }

    [Fact]
    public async Task Keys_AfterEveryKindOfWrite_ShareTheAppHashTagAndAllExpire()
    {
        await using var kit = await BudgetTestKit.StartAsync();
        var budget = kit.Silo(0);
        await budget.TryAcquireAsync("shop-a", CallPriority.Incremental);
        await budget.TryAcquireAsync("shop-a", CallPriority.TokenRefresh);
        await budget.ReportRateLimitedAsync("shop-b", TimeSpan.FromMinutes(10));
        await budget.ReportQuotaExhaustedAsync("shop-a", null);

        var server = kit.Connections[0].GetServers()[0];
        var db = kit.Connections[0].GetDatabase();
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: budget.Keys.Pattern))
        {
            keys.Add(key);
        }

        var ttls = await Task.WhenAll(keys.Select(k => db.KeyTimeToLiveAsync(k)));

        Assert.Equal(
            [$"oc:budget:{{{kit.AppKey}}}:app", $"oc:budget:{{{kit.AppKey}}}:day:2026-11-30", $"oc:budget:{{{kit.AppKey}}}:pause",
             $"oc:budget:{{{kit.AppKey}}}:shop:shop-a", $"oc:budget:{{{kit.AppKey}}}:shop:shop-b"],
            keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        Assert.All(ttls, ttl => Assert.True(ttl > TimeSpan.Zero, "every budget key expires"));
        // The paused shop's key outlives its pause; the day's counts stay a day after the day ends.
        Assert.True(ttls[keys.FindIndex(k => k.ToString().EndsWith("shop-b", StringComparison.Ordinal))] > TimeSpan.FromMinutes(10));
        Assert.True(ttls[keys.FindIndex(k => k.ToString().Contains(":day:", StringComparison.Ordinal))] > TimeSpan.FromDays(1));
    }

    private static async Task TakeAsync(RateBudget budget, string shopId, CallPriority priority, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True((await budget.TryAcquireAsync(shopId, priority)).Granted);
        }
    }
}
