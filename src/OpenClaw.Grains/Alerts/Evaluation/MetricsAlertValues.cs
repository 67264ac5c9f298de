using OpenClaw.Grains.Metrics;
using OpenClaw.Grains.Metrics.Queries;

namespace OpenClaw.Grains.Alerts.Evaluation;

/// <summary>
/// The shop-health rates of the alert rules from the shop's day buckets (<see cref="MetricsQuery"/>, docs/metrics.md
/// "Rates"): late dispatch, seller-fault cancellation, valid tracking, 48-hour dispatch and refund rate, as percent.
/// A rule's window becomes whole shop-local days ending today (7 days → the last 7 local days, today included; a window
/// under a day → today), and rules with the same number of days share one pipelined read, which the query's
/// <see cref="MetricRatesMemo"/> (when given) spares while the buckets have not moved. A rate whose denominator is 0
/// is null in the buckets and left out here, so an idle shop never breaches.
/// </summary>
public sealed class MetricsAlertValues(MetricsQuery metrics) : IAlertValueSource
{
    private static readonly Dictionary<string, Func<MetricRates, decimal?>> Rates = new Dictionary<string, Func<MetricRates, decimal?>>(StringComparer.Ordinal)
    {
        [AlertMetrics.LateDispatchRate] = r => r.LateDispatch,
        [AlertMetrics.SellerFaultCancellationRate] = r => r.SellerFaultCancellation,
        [AlertMetrics.ValidTrackingRate] = r => r.ValidTracking,
        [AlertMetrics.FastDispatchRate48h] = r => r.FastDispatch,
        [AlertMetrics.RefundRate] = r => r.Refund,
    };

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, double>> GetValuesAsync(AlertValueQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(query.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        var today = MetricContribution.LocalDate(query.Now, zone);
        foreach (var byDays in query.Rules.Where(r => Rates.ContainsKey(r.MetricKey)).GroupBy(r => Days(r.Window)))
        {
            var days = byDays.Key;
            async Task<MetricRates> ReadAsync() => (await metrics.ShopTotalsAsync([query.ShopId], today.AddDays(1 - days), today).ConfigureAwait(false))[0].Summary.Rates;
            var rates = query.MetricRates is { } memo ? await memo.GetOrReadAsync(days, today, query.Now, ReadAsync).ConfigureAwait(false) : await ReadAsync().ConfigureAwait(false);
            foreach (var rule in byDays)
            {
                if (Rates[rule.MetricKey](rates) is { } rate)
                {
                    values[rule.RuleId] = (double)(rate * 100);
                }
            }
        }

        return values;
    }

    private static int Days(TimeSpan window) => Math.Clamp((int)Math.Ceiling(window.TotalDays), 1, MetricsQuery.MaxDays);
}
