using System.Globalization;
using OpenClaw.TikTokShop.Simulator.Api;
using OpenClaw.TikTokShop.Simulator.Truth;

namespace OpenClaw.TikTokShop.Simulator.Endpoints.Analytics;

/// <summary>
/// <c>/analytics/202405/shop/performance</c>, computed from the ground truth (skewed per day by <see cref="AnalyticsSkew"/>)
/// so reconciliation can be tested.
/// </summary>
public sealed class AnalyticsEndpoints(GroundTruth truth, AnalyticsSkew skew) : IApiEndpoints
{
    private const int MaxDays = 366;

    /// <inheritdoc />
    public IEnumerable<ApiRoute> Routes =>
    [
        new("GET", "/analytics/202405/shop/performance", "data.shop_analytics.public.read", CipherRule.Required, Performance),
    ];

    private object Performance(ApiCall call)
    {
        var start = Date(call, "start_date_ge");
        var end = Date(call, "end_date_lt");
        if (end <= start || end.DayNumber - start.DayNumber > MaxDays)
        {
            throw new ApiException($"invalid date range: end_date_lt must be after start_date_ge and at most {MaxDays} days later");
        }

        var granularity = call.Query("granularity") ?? "ALL";
        var currency = call.Query("currency") ?? "LOCAL";
        if (granularity is not ("ALL" or "1D") || currency is not ("LOCAL" or "USD"))
        {
            throw new ApiException("invalid granularity (ALL|1D) or currency (USD|LOCAL)");
        }

        var region = call.Shop.Region;
        // Analytics lag one day: today's figures are not available yet.
        var latest = region.LocalDate(call.Now).AddDays(-1);
        var lastIncluded = end.AddDays(-1) < latest ? end.AddDays(-1) : latest;
        var days = lastIncluded >= start ? truth.Compute(call.Shop, start, lastIncluded, call.Now).Select(d => skew.Apply(call.Shop, d)).ToList() : [];
        var rate = currency == "USD" ? region.UnitsPerUsd : 1m;
        var code = currency == "USD" ? "USD" : region.Currency;
        var groups = granularity == "1D" ? days.Select(d => new[] { d }).ToList() : days.Count > 0 ? [days.ToArray()] : [];
        var intervals = groups.Select(g =>
        {
            var gmv = g.Sum(d => d.GmvValue) / rate;
            var orders = g.Sum(d => d.OrdersPaid);
            var first = DateOnly.ParseExact(g[0].Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var lastDay = DateOnly.ParseExact(g[^1].Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return new
            {
                StartDate = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                EndDate = lastDay.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Gmv = Money(gmv, code, region),
                Orders = orders,
                SkuOrders = g.Sum(d => d.UnitsSold),
                UnitsSold = g.Sum(d => d.UnitsSold),
                Buyers = g.Sum(d => d.Buyers),
                AvgOrderValue = Money(orders == 0 ? 0 : gmv / orders, code, region),
                Refunds = Money(g.Sum(d => d.RefundValue) / rate, code, region),
                CancellationsAndReturns = g.Sum(d => d.OrdersCancelled + d.ReturnsRequested),
            };
        }).ToList();
        return new
        {
            Performance = new
            {
                Intervals = intervals,
                LatestAvailableDate = latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
        };
    }

    private static object Money(decimal amount, string currency, Data.Region region) => new
    {
        Amount = currency == region.Currency ? region.Format(amount) : Math.Round(amount, 2).ToString("0.00", CultureInfo.InvariantCulture),
        Currency = currency,
    };

    private static DateOnly Date(ApiCall call, string name) =>
        DateOnly.TryParseExact(call.Query(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ApiException($"missing or invalid {name}: YYYY-MM-DD expected");
}
