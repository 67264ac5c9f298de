using OpenClaw.Grains.Sync;

namespace OpenClaw.Grains.Alerts.Evaluation;

/// <summary>
/// Where the shop grain's alert timer gets metric values (issue 11): one call per evaluation with the rules in force,
/// answered with a value per rule id, computed for the rule's metric over the rule's window (two rules on one metric
/// may have different windows). Rules it cannot compute are left out, and a rule without a value is simply not
/// evaluated (never treated as 0).
/// </summary>
public interface IAlertValueSource
{
    /// <summary>Values by rule id, in the rule's metric unit (<see cref="AlertMetrics.UnitOf"/>: percent 0–100, seconds).</summary>
    Task<IReadOnlyDictionary<string, double>> GetValuesAsync(AlertValueQuery query, CancellationToken cancellationToken);
}

/// <summary>What a value source is asked for one shop and evaluation.</summary>
/// <param name="ShopId">TikTok shop id.</param>
/// <param name="TimeZone">The shop's reporting time zone (IANA), for day-bucket metrics.</param>
/// <param name="Rules">The enabled rules in force for the shop; each rule's <see cref="AlertRule.Window"/> says what to compute over.</param>
/// <param name="Report">The shop grain's sync report at this evaluation.</param>
/// <param name="Now">The evaluation time (UTC, the grain's TikTok clock).</param>
/// <param name="ApiCalls">The shop's recent TikTok call attempts (for the API error rate); null when the caller keeps none.</param>
/// <param name="MetricRates">The activation's remembered shop-health rates; null reads the day buckets every time.</param>
public sealed record AlertValueQuery(string ShopId, string TimeZone, IReadOnlyList<AlertRule> Rules, ShopSyncReport Report, DateTimeOffset Now,
    ApiCallWindow? ApiCalls = null, MetricRatesMemo? MetricRates = null);
