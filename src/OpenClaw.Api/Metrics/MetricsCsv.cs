using System.Globalization;
using OpenClaw.Api.Csv;
using OpenClaw.Grains.Metrics.Queries;

namespace OpenClaw.Api.Metrics;

/// <summary>
/// A comparison as CSV (<see cref="ExcelCsv"/>): one row per group and currency, then the total; rates 0–1 with 4
/// decimals, money as a decimal in its currency, empty cells where a rate has no denominator.
/// </summary>
public static class MetricsCsv
{
    /// <summary>The header row.</summary>
    public static readonly string[] Columns =
    [
        "group", "key", "name", "shops", "currency", "orders_paid", "gmv", "units", "orders_cancelled", "refunds_completed", "refund_amount",
        "orders_shipped", "refund_rate", "seller_fault_cancellation_rate", "fast_dispatch_rate", "late_dispatch_rate", "valid_tracking_rate",
        "delivery_p50_hours", "delivery_p90_hours", "day_boundary", "from", "to",
    ];

    /// <summary>Writes <paramref name="comparison"/> to <paramref name="stream"/> (left open).</summary>
    public static Task<int> WriteAsync(Stream stream, MetricsComparison comparison, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return ExcelCsv.WriteAsync(stream, Columns, Rows(comparison).ToAsyncEnumerable(), cancellationToken);
    }

    private static IEnumerable<string[]> Rows(MetricsComparison c)
    {
        var by = c.By.ToString().ToLowerInvariant();
        foreach (var g in c.Groups)
        {
            foreach (var row in Rows(c, by, g.Key, g.Name, g.ShopIds.Count, g.Summary))
            {
                yield return row;
            }
        }

        var shops = c.Groups.SelectMany(g => g.ShopIds).Distinct(StringComparer.Ordinal).Count();
        foreach (var row in Rows(c, "total", "", "", shops, c.Total))
        {
            yield return row;
        }
    }

    private static IEnumerable<string[]> Rows(MetricsComparison c, string group, string key, string name, int shops, MetricSummary s)
    {
        var money = s.Money.Count > 0 ? s.Money : [new MoneyTotals("", 0, 0, new Dictionary<string, decimal>())];
        foreach (var m in money)
        {
            yield return
            [
                group, key, name, Text((long)shops), m.Currency, Text(s.Count("orders_paid")), Text(m.Gmv), Text(s.Count("units")),
                Text(s.Count("orders_cancelled")), Text(s.Count("refunds_completed")), Text(m.RefundAmount), Text(s.Count("orders_shipped")),
                Text(s.Rates.Refund), Text(s.Rates.SellerFaultCancellation), Text(s.Rates.FastDispatch), Text(s.Rates.LateDispatch),
                Text(s.Rates.ValidTracking), Text(s.DeliveryP50Hours), Text(s.DeliveryP90Hours), c.DayBoundary,
                c.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ];
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
