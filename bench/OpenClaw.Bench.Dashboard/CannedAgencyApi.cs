using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenClaw.Bench.Dashboard;

/// <summary>
/// The agency API's read side as the overview calls it, answering from memory for any number of shops: the
/// bench measures the dashboard and the browser, not the API (whose own bench is elsewhere). Shapes follow docs/api.md.
/// </summary>
public static class CannedAgencyApi
{
    private static readonly string[] Regions = ["US", "GB", "SG", "MY", "TH", "VN", "PH", "ID"];
    private static readonly string[] Statuses = ["active", "active", "active", "active", "active", "active", "paused", "needs_reauthorization"];

    /// <summary>Builds the API on <paramref name="url"/>.</summary>
    public static WebApplication Create(string url, int shopCount)
    {
        var builder = WebApplication.CreateBuilder(["--urls", url]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        var app = builder.Build();
        var shops = Enumerable.Range(1, shopCount).Select(Shop).ToList();
        app.MapGet("/api/v1/shops", (int? limit, string? cursor) =>
        {
            var start = int.TryParse(cursor, CultureInfo.InvariantCulture, out var c) ? c : 0;
            var take = Math.Clamp(limit ?? 50, 1, 200);
            var items = shops.Skip(start).Take(take).ToList();
            return Results.Json(new { Items = items, NextCursor = start + take < shops.Count ? (start + take).ToString(CultureInfo.InvariantCulture) : null });
        });
        app.MapGet("/api/v1/shops/{id}", (string id) => shops.FirstOrDefault(s => s.ShopId == id) is { } s
            ? Results.Json(new { s.ShopId, s.ShopName, s.Region, s.Status, budget = new { UsedToday = 1200, DailyQuota = 50000, ForecastForDay = 4000, ForecastExceedsQuota = false, UsedShare = 0.024 } })
            : Results.NotFound());
        app.MapGet("/api/v1/metrics/overview", (string from, string to) => Results.Json(new
        {
            From = from, To = to, DayBoundary = "shop-local", Total = Summary(shopCount * 40),
            Shops = shops.Select((s, i) => new { s.ShopId, s.Region, Summary = Summary(i % 90) }),
        }));
        app.MapGet("/api/v1/shops/{id}/metrics", (string id, string from, string to) =>
        {
            var first = DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var last = DateOnly.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var days = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1)
                .Select(d => new { Date = first.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Summary = Summary((id.GetHashCode(StringComparison.Ordinal) & 15) + d) });
            return Results.Json(new { ShopId = id, From = from, To = to, Days = days });
        });
        app.MapGet("/api/v1/alerts", () => Results.Json(new { Items = Array.Empty<object>(), NextCursor = (string?)null }));
        return app;
    }

    private static ShopJson Shop(int i) => new(
        $"74950000{i:D11}", i % 3 == 0 ? $"深圳美妆旗舰店 {i}" : $"Sunny Outdoor {i}", Regions[i % Regions.Length], Statuses[i % Statuses.Length],
        i % 8 == 7 ? "refresh token revoked" : null, i % 2 == 0 ? ["vip"] : ["美妆", "new"], "valid", (i * 37) % 2400, i);

    private static object Summary(long orders) => new
    {
        Counts = new Dictionary<string, long> { ["orders_paid"] = orders, ["orders_shipped_48h"] = orders * 9 / 10 },
        Money = new[] { new { Currency = "USD", Gmv = orders * 23.5m, RefundAmount = orders * 0.7m } },
        Rates = new { SellerFaultCancellation = 0.01, Refund = 0.03, FastDispatch = 0.97, LateDispatch = 0.02, ValidTracking = 0.99, AuditPass = 1.0 },
    };

    private sealed record ShopJson(
        string ShopId, string ShopName, string Region, string Status, string? StatusReason, string[] Tags, string TokenStatus, double MaxLagSeconds, long Revision);
}
