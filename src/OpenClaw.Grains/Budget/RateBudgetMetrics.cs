using System.Diagnostics.Metrics;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.Grains.Budget;

/// <summary>
/// The budget's instruments on meter <c>OpenClaw.Budget</c> (ARCHITECTURE §6; ServiceDefaults exports every
/// <c>OpenClaw.*</c> meter). Tags are only the priority, the pause reason and the report kind: never a shop id (too many
/// series), a token or a secret. Gauges show this silo's latest view of the cluster-wide numbers.
/// </summary>
internal sealed class RateBudgetMetrics : IDisposable
{
    /// <summary>Meter name.</summary>
    public const string MeterName = "OpenClaw.Budget";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _granted;
    private readonly Histogram<double> _wait;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _reports;
    private long _usedToday;
    private long _pausedUntilMs;

    public RateBudgetMetrics(IMeterFactory? meterFactory, long dailyQuota, TimeProvider time)
    {
        // A factory's meters belong to the factory (the host disposes them); a meter made here belongs to this object.
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _granted = _meter.CreateCounter<long>("openclaw.budget.calls", "{call}", "Calls granted by the rate budget on this silo.");
        _wait = _meter.CreateHistogram<double>("openclaw.budget.wait", "ms", "Time AcquireAsync waited before granting a call.");
        _refused = _meter.CreateCounter<long>("openclaw.budget.refused", "{call}",
            "AcquireAsync calls refused with RateBudgetPausedException, by reason.");
        _reports = _meter.CreateCounter<long>("openclaw.budget.reports", "{report}",
            "Rate-limit (429) and quota-exhausted (45101004) answers reported to the budget.");
        _meter.CreateObservableGauge("openclaw.budget.quota.used", () => Volatile.Read(ref _usedToday), "{call}",
            "Calls counted against today's quota, cluster-wide, as last seen by this silo.");
        _meter.CreateObservableGauge("openclaw.budget.quota.limit", () => dailyQuota, "{call}", "The app's daily call quota.");
        _meter.CreateObservableGauge("openclaw.budget.paused", () => Volatile.Read(ref _pausedUntilMs) > time.GetUtcNow().ToUnixTimeMilliseconds() ? 1 : 0,
            description: "1 while the app is paused because TikTok reported the daily quota used up.");
    }

    public void Granted(CallPriority priority) => _granted.Add(1, new KeyValuePair<string, object?>("priority", PriorityName(priority)));

    public void Waited(CallPriority priority, TimeSpan waited) =>
        _wait.Record(waited.TotalMilliseconds, new KeyValuePair<string, object?>("priority", PriorityName(priority)));

    public void Refused(CallPriority priority, RateBudgetPauseReason reason) =>
        _refused.Add(1, new KeyValuePair<string, object?>("priority", PriorityName(priority)), new KeyValuePair<string, object?>("reason", ReasonName(reason)));

    public void Reported(string kind) => _reports.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void AppPausedUntil(DateTimeOffset until) => Volatile.Write(ref _pausedUntilMs, until.ToUnixTimeMilliseconds());

    public void UsedToday(long used) => Volatile.Write(ref _usedToday, used);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static string PriorityName(CallPriority priority) => priority switch
    {
        CallPriority.TokenRefresh => "token_refresh",
        CallPriority.Webhook => "webhook",
        CallPriority.Incremental => "incremental",
        _ => "backfill",
    };

    private static string ReasonName(RateBudgetPauseReason reason) => reason switch
    {
        RateBudgetPauseReason.ShopRateLimited => "shop_rate_limited",
        RateBudgetPauseReason.QuotaExhausted => "quota_exhausted",
        RateBudgetPauseReason.DailyQuotaUsed => "daily_quota_used",
        RateBudgetPauseReason.Contended => "contended",
        _ => "backfill_ahead_of_pace",
    };
}
