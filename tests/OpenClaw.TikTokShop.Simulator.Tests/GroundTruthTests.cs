using System.Globalization;
using System.Text.Json;
using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

public sealed class GroundTruthTests
{
    [Fact]
    public async Task Truth_matches_a_full_scan_of_the_apis_own_orders_per_shop_local_day()
    {
        await using var host = await SimulatorHost.StartAsync("HistoryDays=6", "ClockStart=2026-11-01T13:30:00Z");
        foreach (var index in new[] { 0, 1, 2 })
        {
            var session = await host.ConnectAsync(index);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(session.Shop.TimeZone);
            var now = await host.NowAsync();
            string Day(long unix) => TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(unix), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var orders = await session.SearchAllAsync("/order/202309/orders/search", new { }, "orders", 100);

            var first = Day(orders.Min(o => o.GetProperty("create_time").GetInt64()));
            var today = Day(now);
            var truth = await host.AdminAsync(HttpMethod.Get, $"/_sim/truth/{session.Shop.Id}?from={first}&to={today}");
            Assert.Equal(session.Shop.TimeZone, truth.GetProperty("time_zone").GetString());
            var days = truth.GetProperty("days").EnumerateArray().ToList();
            Assert.Equal(7, days.Count);
            foreach (var day in days)
            {
                var date = day.GetProperty("date").GetString();
                Assert.Equal(orders.Count(o => Day(o.GetProperty("create_time").GetInt64()) == date), day.GetProperty("orders_created").GetInt32());
                var cancelled = orders.Where(o => o.GetProperty("status").GetString() == "CANCELLED" && Day(o.GetProperty("cancel_time").GetInt64()) == date).ToList();
                Assert.Equal(cancelled.Count, day.GetProperty("orders_cancelled").GetInt32());
                Assert.Equal(cancelled.Count(o => o.GetProperty("cancellation_initiator").GetString() == "SELLER"), day.GetProperty("orders_cancelled_by_seller").GetInt32());
                var paid = orders.Where(o => o.GetProperty("paid_time").ValueKind == JsonValueKind.Number && Day(o.GetProperty("paid_time").GetInt64()) == date).ToList();
                Assert.Equal(paid.Count, day.GetProperty("orders_paid").GetInt32());
                var gmv = paid.Sum(o => decimal.Parse(o.GetProperty("payment").GetProperty("total_amount").GetString()!, CultureInfo.InvariantCulture));
                Assert.Equal(gmv, decimal.Parse(day.GetProperty("gmv").GetString()!, CultureInfo.InvariantCulture));
                var shipped = orders.Where(o => o.GetProperty("rts_time").ValueKind == JsonValueKind.Number && Day(o.GetProperty("rts_time").GetInt64()) == date).ToList();
                Assert.Equal(shipped.Count, day.GetProperty("orders_shipped").GetInt32());
                Assert.Equal(shipped.Count(o => o.GetProperty("rts_time").GetInt64() > o.GetProperty("rts_sla_time").GetInt64()), day.GetProperty("orders_shipped_late").GetInt32());
            }

            Assert.Contains(days, d => d.GetProperty("orders_cancelled").GetInt32() > 0);
        }
    }

    [Fact]
    public async Task Shop_performance_reports_the_truths_gmv_and_orders()
    {
        await using var host = await SimulatorHost.StartAsync();
        var session = await host.ConnectAsync();
        var truth = await host.AdminAsync(HttpMethod.Get, $"/_sim/truth/{session.Shop.Id}?from=2026-10-28&to=2026-10-29");
        var performance = await session.GetAsync("/analytics/202405/shop/performance", new Dictionary<string, string>
        {
            ["start_date_ge"] = "2026-10-28", ["end_date_lt"] = "2026-10-30", ["granularity"] = "1D",
        });
        Assert.Equal(0, performance.Code);
        var intervals = performance.Data.GetProperty("performance").GetProperty("intervals").EnumerateArray().ToList();
        var days = truth.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(2, intervals.Count);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(days[i].GetProperty("gmv").GetString(), intervals[i].GetProperty("gmv").GetProperty("amount").GetString());
            Assert.Equal(days[i].GetProperty("orders_paid").GetInt32(), intervals[i].GetProperty("orders").GetInt32());
        }
    }
}
