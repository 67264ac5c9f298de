using OpenClaw.Grains.Sync;

namespace OpenClaw.Grains.Alerts.Evaluation;

/// <summary>
/// The values the shop grain knows itself, from its sync report: <see cref="AlertMetrics.SyncLagSeconds"/> = the
/// largest watermark age over the windowed domains (orders, returns, cancellations, packages, products). Warehouses
/// and shop performance are read every few hours by design, so their age is not lag. The shop-health rates and the
/// API error rate come from other sources (<see cref="MetricsAlertValues"/>, <see cref="ApiErrorRateAlertValues"/>), merged by <see cref="CompositeAlertValues"/>.
/// </summary>
public sealed class SyncReportAlertValues : IAlertValueSource
{
    private static readonly SyncDomain[] Windowed = [SyncDomain.Orders, SyncDomain.Returns, SyncDomain.Cancellations, SyncDomain.Packages, SyncDomain.Products];

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, double>> GetValuesAsync(AlertValueQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var lags = query.Report.Domains.Where(d => Windowed.Contains(d.Domain) && d.LagSeconds is not null).Select(d => d.LagSeconds!.Value).ToList();
        foreach (var rule in query.Rules.Where(r => r.MetricKey == AlertMetrics.SyncLagSeconds && lags.Count > 0))
        {
            values[rule.RuleId] = lags.Max(); // the lag now: a watermark's age needs no window
        }

        return Task.FromResult<IReadOnlyDictionary<string, double>>(values);
    }
}

/// <summary>Asks several sources in order; a later source's value for a key replaces an earlier one's.</summary>
public sealed class CompositeAlertValues(IEnumerable<IAlertValueSource> sources) : IAlertValueSource
{
    private readonly IAlertValueSource[] _sources = [.. sources];

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, double>> GetValuesAsync(AlertValueQuery query, CancellationToken cancellationToken)
    {
        var merged = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var source in _sources)
        {
            foreach (var (key, value) in await source.GetValuesAsync(query, cancellationToken).ConfigureAwait(false))
            {
                merged[key] = value;
            }
        }

        return merged;
    }
}
