using System.Globalization;
using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

public sealed class ActivitySpreadTests
{
    private const int OrdersPerDay = 40;

    [Fact]
    public async Task ActivitySpread_Default_KeepsEveryShopBetweenHalfAndOneAndAHalf()
    {
        await using var host = await SimulatorHost.StartAsync("ShopCount=200");
        var activities = await ActivitiesAsync(host);
        Assert.Equal(200, activities.Count);
        Assert.All(activities, a => Assert.InRange(a, 0.5, 1.5));
    }

    [Fact]
    public async Task ActivitySpread_Varied_GivesAboutAFifthNearlyDormantAndOneInTwentyVeryBusyShops()
    {
        await using var host = await SimulatorHost.StartAsync("ShopCount=200", "ActivitySpread=Varied");
        var activities = await ActivitiesAsync(host);
        var dormant = activities.Count(a => a is >= 0.02 and <= 0.08);
        var busy = activities.Count(a => a is >= 5 and <= 10);
        var regular = activities.Count(a => a is >= 0.5 and <= 1.5);
        Assert.Equal(200, dormant + busy + regular);
        Assert.InRange(dormant, 34, 46);
        Assert.InRange(busy, 7, 13);

        // Drawn from the seed: another process with the same seed agrees, another seed does not.
        await using var same = await SimulatorHost.StartAsync("ShopCount=200", "ActivitySpread=Varied");
        await using var other = await SimulatorHost.StartAsync("ShopCount=200", "ActivitySpread=Varied", "Seed=43");
        Assert.Equal(activities, await ActivitiesAsync(same));
        Assert.NotEqual(activities, await ActivitiesAsync(other));
    }

    [Fact]
    public async Task ActivitySpread_Varied_OrdersGroundTruthAndAnalyticsFollowEachShopsActivity()
    {
        await using var host = await SimulatorHost.StartAsync("ShopCount=40", "ActivitySpread=Varied", "HistoryDays=10", "RateLimit:PerShopPerSecond=100000",
            $"OrdersPerShopPerDay={OrdersPerDay}", "AccessTokenLifetimeSeconds=99999999");
        var activities = await ActivitiesAsync(host);
        var dormant = activities.IndexOf(activities.Min());
        var busy = activities.IndexOf(activities.Max());
        Assert.True(activities[dormant] < 0.1 && activities[busy] >= 5, string.Join(", ", activities));

        // 2026-10-23 .. 10-30 are whole history days in every shop's time zone (the clock starts 2026-11-01T00:00Z).
        var dormantShop = await MeasureAsync(host, dormant);
        var busyShop = await MeasureAsync(host, busy);
        Assert.True(dormantShop.OrdersPerDay < 0.15 * OrdersPerDay, $"dormant: {dormantShop}");
        Assert.InRange(busyShop.OrdersPerDay, 0.75 * activities[busy] * OrdersPerDay, 1.35 * activities[busy] * OrdersPerDay);
        Assert.True(busyShop.OrdersPaid > 20 * Math.Max(1, dormantShop.OrdersPaid), $"busy {busyShop} vs dormant {dormantShop}");
    }

    private static async Task<ShopVolume> MeasureAsync(SimulatorHost host, int index)
    {
        var session = await host.ConnectAsync(index);
        var truth = await host.AdminAsync(HttpMethod.Get, $"/_sim/truth/{session.Shop.Id}?from=2026-10-23&to=2026-10-30");
        var days = truth.GetProperty("days").EnumerateArray().ToList();
        var created = days.Sum(d => d.GetProperty("orders_created").GetInt32());
        var paid = days.Sum(d => d.GetProperty("orders_paid").GetInt32());

        // The API shows the same orders: every order the search returns falls on a truth day, and none is missing.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(session.Shop.TimeZone);
        var orders = await session.SearchAllAsync("/order/202309/orders/search", new { }, "orders", 100);
        var inRange = orders.Count(o =>
        {
            var day = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(o.GetProperty("create_time").GetInt64()), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return string.CompareOrdinal(day, "2026-10-23") >= 0 && string.CompareOrdinal(day, "2026-10-30") <= 0;
        });
        Assert.Equal(created, inRange);

        var performance = await session.GetAsync("/analytics/202405/shop/performance", new Dictionary<string, string>
        {
            ["start_date_ge"] = "2026-10-23", ["end_date_lt"] = "2026-10-31",
        });
        Assert.Equal(0, performance.Code);
        Assert.Equal(paid, performance.Data.GetProperty("performance").GetProperty("intervals")[0].GetProperty("orders").GetInt32());
        return new ShopVolume(created / (double)days.Count, paid);
    }

    private static async Task<List<double>> ActivitiesAsync(SimulatorHost host) =>
        (await host.AdminAsync(HttpMethod.Get, "/_sim/shops")).EnumerateArray().Select(s => s.GetProperty("activity").GetDouble()).ToList();

    private sealed record ShopVolume(double OrdersPerDay, int OrdersPaid);
}
