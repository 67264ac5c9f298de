using System.Globalization;
using F = OpenClaw.Grains.Metrics.MetricFields;

namespace OpenClaw.Grains.Metrics.Queries;

/// <summary>Adds bucket fields (of any shops and days) and turns the sums into a <see cref="MetricSummary"/>.</summary>
public sealed class MetricSums
{
    private const string UnknownCurrency = "unknown";
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> _money = new(StringComparer.Ordinal);

    /// <summary>Adds one field; money fields (<c>gmv</c>, <c>refund_amount*</c>, product <c>sales</c>) go to the currency.</summary>
    /// <param name="field">A shop-level field name (dimension prefixes already removed).</param>
    /// <param name="value">The bucket value (money: minor units × 100).</param>
    /// <param name="currency">The shop's currency, or null when unknown.</param>
    public void Add(string field, long value, string? currency)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (IsMoney(field))
        {
            var key = currency ?? UnknownCurrency;
            if (!_money.TryGetValue(key, out var fields))
            {
                _money[key] = fields = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            fields[field] = fields.GetValueOrDefault(field) + value;
        }
        else
        {
            _counts[field] = _counts.GetValueOrDefault(field) + value;
        }
    }

    /// <summary>Adds everything of another sum.</summary>
    public void Add(MetricSums other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (field, v) in other._counts)
        {
            Add(field, v, null);
        }

        foreach (var (currency, fields) in other._money)
        {
            foreach (var (field, v) in fields)
            {
                Add(field, v, currency);
            }
        }
    }

    /// <summary>The summary: counts, money per currency, rates and delivery percentiles.</summary>
    public MetricSummary ToSummary()
    {
        var histogram = _counts.Where(c => c.Key.StartsWith(F.DeliveryHours + ":", StringComparison.Ordinal))
            .Select(c => (Hours: int.Parse(c.Key.AsSpan(F.DeliveryHours.Length + 1), CultureInfo.InvariantCulture), Count: c.Value))
            .OrderBy(h => h.Hours).ToList();
        var money = _money.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new MoneyTotals(m.Key,
            Decimal(m.Value, F.Gmv) + Decimal(m.Value, F.ProductSales), Decimal(m.Value, F.RefundAmount),
            m.Value.Where(f => f.Key.StartsWith(F.RefundAmount + ":", StringComparison.Ordinal))
                .ToDictionary(f => f.Key[(F.RefundAmount.Length + 1)..], f => f.Value / 100m, StringComparer.Ordinal))).ToList();
        return new MetricSummary(new Dictionary<string, long>(_counts, StringComparer.Ordinal), money, Rates(), Percentile(histogram, 0.5m), Percentile(histogram, 0.9m));
    }

    private MetricRates Rates()
    {
        long C(string f) => _counts.GetValueOrDefault(f);
        return new MetricRates(
            Rate(C(F.OrdersCancelledSeller), C(F.OrdersPaid)), Rate(C(F.RefundsCompleted), C(F.OrdersPaid)),
            Rate(C(F.OrdersShipped48h), C(F.OrdersShipped)), Rate(C(F.OrdersShippedLate), C(F.OrdersShipped)),
            Rate(C(F.OrdersTrackingValid), C(F.OrdersTracked)), Rate(C(F.ProductsAuditPassed), C(F.ProductsAuditPassed) + C(F.ProductsAuditFailed)));
    }

    /// <summary>A rate 0–1 with 4 decimals, null on a zero denominator.</summary>
    public static decimal? Rate(long numerator, long denominator) =>
        denominator == 0 ? null : decimal.Round((decimal)numerator / denominator, 4, MidpointRounding.AwayFromZero);

    // Nearest rank: the smallest hour whose cumulative count reaches ceil(p × n).
    private static int? Percentile(List<(int Hours, long Count)> histogram, decimal p)
    {
        var n = histogram.Sum(h => h.Count);
        if (n <= 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(p * n);
        var seen = 0L;
        foreach (var (hours, count) in histogram)
        {
            seen += count;
            if (seen >= rank)
            {
                return hours;
            }
        }

        return histogram[^1].Hours;
    }

    private static decimal Decimal(Dictionary<string, long> fields, string field) => fields.GetValueOrDefault(field) / 100m;

    private static bool IsMoney(string field) =>
        field == F.Gmv || field == F.ProductSales || field == F.RefundAmount || field.StartsWith(F.RefundAmount + ":", StringComparison.Ordinal);
}
