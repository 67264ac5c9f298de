using System.Globalization;
using System.Text.Json;
using OpenClaw.TikTokShop.Simulator.Data.Logistics;
using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

/// <summary><c>/_sim/truth/{shop}/metrics</c>: the ground truth of docs/metrics.md, checked against the public API.</summary>
public sealed class MetricsTruthTests
{
    private const long Day = 86_400;

    private static readonly string[] SubReasons = ["seller_initiated", "refused_on_delivery", "refund_before_shipment", "return_after_delivery"];

    [Fact]
    public async Task MetricsTruth_EveryDay_EqualsTheContractAppliedToWhatThePublicApiShows()
    {
        // Moving the clock first puts orders of the history in every state: final packages, refunds done, some still open.
        await using var host = await SimulatorHost.StartAsync("HistoryDays=20", "OrdersPerShopPerDay=30", "ShopCount=2",
            "AccessTokenLifetimeSeconds=99999999", "RateLimit:PerShopPerSecond=100000");
        await host.AdvanceAsync(5 * Day + 7 * 3600);
        foreach (var index in new[] { 0, 1 })
        {
            var session = await host.ConnectAsync(index);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(session.Shop.TimeZone);
            var (expected, products) = await PublicApiBuckets.ComputeAsync(session, zone);
            var first = expected.Keys.Min()!;
            var today = LocalDate(await host.NowAsync(), zone);
            var truth = await host.AdminAsync(HttpMethod.Get, $"/_sim/truth/{session.Shop.Id}/metrics?from={first}&to={today}");

            Assert.Equal(session.Shop.TimeZone, truth.GetProperty("time_zone").GetString());
            var days = truth.GetProperty("days").EnumerateObject().ToList();
            Assert.Equal(first, days[0].Name);
            Assert.Equal(today, days[^1].Name);
            Assert.All(expected.Keys, d => Assert.Contains(days, x => x.Name == d));
            foreach (var day in days)
            {
                Assert.Equal(expected.GetValueOrDefault(day.Name) ?? [], Fields(day.Value));
            }

            Assert.Equal(products, Fields(truth.GetProperty("products")));
            Assert.True(days.Sum(d => Fields(d.Value).GetValueOrDefault("orders_tracked")) > 100, "too few final packages to prove anything");
            var categories = truth.GetProperty("product_categories");
            Assert.All(days.SelectMany(d => d.Value.EnumerateObject()).Where(f => f.Name.StartsWith("p:", StringComparison.Ordinal)),
                f => Assert.True(categories.TryGetProperty(f.Name.Split(':')[1], out var c) && c.GetProperty("category_name").GetString()!.Length > 0, f.Name));
        }
    }

    [Theory]
    [InlineData("America/Los_Angeles", "2026-04-05T12:00:00Z", "2026-03-08", 23)]
    [InlineData("Europe/London", "2026-04-05T12:00:00Z", "2026-03-29", 23)]
    [InlineData("America/Los_Angeles", "2026-11-08T12:00:00Z", "2026-11-01", 25)]
    [InlineData("Europe/London", "2026-11-08T12:00:00Z", "2026-10-25", 25)]
    public async Task MetricsTruth_DstChangeDay_IsOneLocalDayOf23Or25Hours(string zoneId, string clockStart, string changeDay, int hours)
    {
        await using var host = await SimulatorHost.StartAsync($"ClockStart={clockStart}", "HistoryDays=32", "OrdersPerShopPerDay=120", "ShopCount=1",
            "AccessTokenLifetimeSeconds=99999999", "RateLimit:PerShopPerSecond=100000");
        var session = await host.ConnectAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var day = DateOnly.ParseExact(changeDay, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        long Midnight(DateOnly d) => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(d.ToDateTime(TimeOnly.MinValue))).ToUnixTimeSeconds();
        Assert.Equal(hours * 3600L, Midnight(day.AddDays(1)) - Midnight(day));

        // The reporting zone is set by the test (as when a shop's time-zone setting changes), whatever the shop's region.
        var truth = await host.AdminAsync(HttpMethod.Get,
            $"/_sim/truth/{session.Shop.Id}/metrics?from={day.AddDays(-1):yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}&time_zone={Uri.EscapeDataString(zoneId)}");
        Assert.Equal(zoneId, truth.GetProperty("time_zone").GetString());
        foreach (var d in new[] { day.AddDays(-1), day, day.AddDays(1) })
        {
            var created = await session.SearchAllAsync("/order/202309/orders/search", new { create_time_ge = Midnight(d), create_time_lt = Midnight(d.AddDays(1)) }, "orders", 100);
            Assert.Equal(created.Count, Fields(truth.GetProperty("days").GetProperty(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).GetValueOrDefault("orders_created"));
        }

        // An order at about 00:30 local on the change day exists and so was counted on that day (the equality above).
        var firstHour = await session.SearchAllAsync("/order/202309/orders/search", new { create_time_ge = Midnight(day), create_time_lt = Midnight(day) + 3600 }, "orders", 100);
        var lastHour = await session.SearchAllAsync("/order/202309/orders/search", new { create_time_ge = Midnight(day.AddDays(1)) - 3600, create_time_lt = Midnight(day.AddDays(1)) }, "orders", 100);
        Assert.NotEmpty(firstHour);
        Assert.NotEmpty(lastHour);
    }

    [Fact]
    public async Task MetricsTruth_ThirtyDaysOfThreeShops_HasEverySubReasonAndExceptionCategoryAtSmallRates()
    {
        await using var host = await SimulatorHost.StartAsync("HistoryDays=30", "OrdersPerShopPerDay=40", "ShopCount=3");
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var shop in await host.ShopsAsync())
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(shop.TimeZone);
            var now = await host.NowAsync();
            var truth = await host.AdminAsync(HttpMethod.Get, $"/_sim/truth/{shop.Id}/metrics?from={LocalDate(now - 30 * Day, zone)}&to={LocalDate(now, zone)}");
            foreach (var (field, value) in truth.GetProperty("days").EnumerateObject().SelectMany(d => Fields(d.Value)))
            {
                totals[field] = totals.GetValueOrDefault(field) + value;
            }
        }

        foreach (var reason in SubReasons)
        {
            Assert.True(totals.GetValueOrDefault("returns_requested:" + reason) > 0, reason);
            Assert.True(totals.GetValueOrDefault("refunds_completed:" + reason) > 0, reason);
            Assert.True(totals.GetValueOrDefault("refund_amount:" + reason) > 0, reason);
            // "A few %" each: never a sizeable share of paid orders.
            Assert.InRange(totals["returns_requested:" + reason] / (double)totals["orders_paid"], 0.002, 0.07);
        }

        Assert.Equal(totals["returns_requested"], SubReasons.Sum(r => totals["returns_requested:" + r]));
        foreach (var category in CarrierExceptionCodes.Categories.Append(CarrierExceptionCodes.Unclassified))
        {
            Assert.True(totals.GetValueOrDefault("logistics_exceptions:" + category) > 0, category);
        }

        Assert.InRange(totals.Where(f => f.Key.StartsWith("logistics_exceptions:", StringComparison.Ordinal)).Sum(f => f.Value) / (double)totals["orders_tracked"], 0.01, 0.1);
        Assert.InRange(totals["orders_tracking_valid"] / (double)totals["orders_tracked"], 0.95, 0.999);
    }

    [Fact]
    public async Task AnalyticsSkew_OneShopDay_ScalesOrdersGmvAndRefundsOfThatDayOnly()
    {
        await using var host = await SimulatorHost.StartAsync("HistoryDays=10");
        var session = await host.ConnectAsync();
        const string skewed = "2026-10-27", other = "2026-10-28";
        var truth = (await host.AdminAsync(HttpMethod.Get, $"/_sim/truth/{session.Shop.Id}/metrics?from={skewed}&to={other}")).GetProperty("days");

        await host.AdminAsync(HttpMethod.Post, "/_sim/analytics/skew", new { shop_id = session.Shop.Id, date = skewed, factor = 1.05 });
        var intervals = await PerformanceAsync(session, skewed);
        var day = Fields(truth.GetProperty(skewed));
        Assert.Equal((int)Math.Round(day["orders_paid"] * 1.05m, MidpointRounding.AwayFromZero), intervals[0].GetProperty("orders").GetInt32());
        Assert.Equal(Scaled(day["gmv"], 1.05m, session.Shop.Currency), Amount(intervals[0].GetProperty("gmv")));
        Assert.Equal(Scaled(day.GetValueOrDefault("refund_amount"), 1.05m, session.Shop.Currency), Amount(intervals[0].GetProperty("refunds")));
        Assert.NotEqual(day["gmv"], Amount(intervals[0].GetProperty("gmv")));
        Assert.Equal(Fields(truth.GetProperty(other))["gmv"], Amount(intervals[1].GetProperty("gmv")));

        var problem = await host.AdminRawAsync(HttpMethod.Delete, $"/_sim/analytics/skew?shop_id={session.Shop.Id}&date={skewed}");
        Assert.Equal(204, (int)problem.Status);
        var cleared = await PerformanceAsync(session, skewed);
        Assert.Equal(day["orders_paid"], cleared[0].GetProperty("orders").GetInt32());
        Assert.Equal(day["gmv"], Amount(cleared[0].GetProperty("gmv")));
        Assert.Equal(day.GetValueOrDefault("refund_amount"), Amount(cleared[0].GetProperty("refunds")));
    }

    [Theory]
    [InlineData("GET", "/_sim/truth/{shop}/metrics?from=2026-10-02&to=2026-10-01", null, 400)]
    [InlineData("GET", "/_sim/truth/{shop}/metrics?from=2026-10-01", null, 400)]
    [InlineData("GET", "/_sim/truth/{shop}/metrics?from=20261001&to=2026-10-02", null, 400)]
    [InlineData("GET", "/_sim/truth/{shop}/metrics?from=2026-10-01&to=2026-10-02&time_zone=Mars/Olympus", null, 400)]
    [InlineData("GET", "/_sim/truth/999/metrics?from=2026-10-01&to=2026-10-02", null, 404)]
    [InlineData("POST", "/_sim/analytics/skew", """{"shop_id":"{shop}","date":"2026-10-01","factor":0}""", 400)]
    [InlineData("POST", "/_sim/analytics/skew", """{"shop_id":"{shop}","date":"2026-10-01","factor":-1.05}""", 400)]
    [InlineData("POST", "/_sim/analytics/skew", """{"shop_id":"{shop}","date":"2026-10-01","factor":11}""", 400)]
    [InlineData("POST", "/_sim/analytics/skew", """{"shop_id":"{shop}","date":"2026-10-01","factor":"abc"}""", 400)]
    [InlineData("POST", "/_sim/analytics/skew", """{"shop_id":"{shop}","date":"2026-10-01"}""", 400)]
    [InlineData("POST", "/_sim/analytics/skew", """{"shop_id":"{shop}","date":"01/10/2026","factor":1.05}""", 400)]
    [InlineData("POST", "/_sim/analytics/skew", """{"shop_id":"999","date":"2026-10-01","factor":1.05}""", 404)]
    [InlineData("POST", "/_sim/analytics/skew", "{", 400)]
    [InlineData("DELETE", "/_sim/analytics/skew?date=2026-10-01", null, 400)]
    [InlineData("DELETE", "/_sim/analytics/skew?shop_id=999", null, 404)]
    public async Task MetricsTruthAndSkew_BadInput_AnswerAProblem(string method, string path, string? body, int status)
    {
        await using var host = await SimulatorHost.StartAsync("HistoryDays=2");
        var shop = (await host.ShopsAsync())[0].Id;
        var response = await host.AdminRawAsync(new HttpMethod(method), path.Replace("{shop}", shop, StringComparison.Ordinal), body?.Replace("{shop}", shop, StringComparison.Ordinal));
        Assert.True(response.IsProblem(status), response.Raw);
        Assert.Empty((await host.AdminAsync(HttpMethod.Get, "/_sim/analytics/skew")).EnumerateArray());
    }

    private static async Task<List<JsonElement>> PerformanceAsync(Session session, string from)
    {
        var response = await session.GetAsync("/analytics/202405/shop/performance", new Dictionary<string, string>
        {
            ["start_date_ge"] = from, ["end_date_lt"] = DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["granularity"] = "1D",
        });
        Assert.Equal(0, response.Code);
        return response.Data.GetProperty("performance").GetProperty("intervals").EnumerateArray().ToList();
    }

    // The truth keeps amount × 100; TikTok rounds the scaled amount to the currency's minor units.
    private static long Scaled(long amountTimes100, decimal factor, string currency)
    {
        var minorUnits = currency is "VND" or "IDR" ? 0 : 2;
        return (long)(Math.Round(amountTimes100 / 100m * factor, minorUnits, MidpointRounding.AwayFromZero) * 100m);
    }

    private static long Amount(JsonElement money) => (long)(decimal.Parse(money.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture) * 100m);

    private static SortedDictionary<string, long> Fields(JsonElement fields) =>
        new(fields.EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetInt64()), StringComparer.Ordinal);

    private static string LocalDate(long unix, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(unix), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
