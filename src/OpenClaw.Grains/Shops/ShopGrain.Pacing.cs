using OpenClaw.Grains.Sync;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.Grains.Shops;

// When the sync turns come: budget pauses and contention, failure backoff, the planned polling interval and the delay
// until the next turn.
public sealed partial class ShopGrain
{
    // Failure backoff per domain, on the real clock (a frozen or fast TikTok clock must not stall or hurry retries).
    private readonly Dictionary<SyncDomain, DateTimeOffset> _retryAt = [];

    // Budget pauses that concern only backfill (ahead of the day's pace, or backfill's share of the quota used): kept
    // apart, so incremental and targeted fetches of the same domain go on meanwhile.
    private readonly Dictionary<SyncDomain, DateTimeOffset> _backfillRetryAt = [];
    // Until when the budget's line is too long to queue in, for incremental (false) and backfill (true) calls (real time).
    private readonly Dictionary<bool, DateTimeOffset> _contendedUntil = [];

    // The budget refused without calling TikTok (quota spent, backfill ahead of pace, shop paused after a 429, or its line
    // too long to wait in): not a failure, just not before RetryAt (real time). The window and its page token stay for then.
    private void OnBudgetPaused(SyncDomain domain, RateBudgetPausedException ex)
    {
        var backfillOnly = ex.Priority == CallPriority.Backfill && ex.Reason is RateBudgetPauseReason.BackfillAheadOfPace or RateBudgetPauseReason.DailyQuotaUsed;
        if (ex.Reason == RateBudgetPauseReason.Contended)
        {
            // Every domain would queue in the same line: end the turn, so the grain serves its other callers meanwhile.
            _contendedUntil[ex.Priority == CallPriority.Backfill] = ex.RetryAt;
            _turnEndsAt = services.RealTime.GetUtcNow();
        }
        else
        {
            (backfillOnly ? _backfillRetryAt : _retryAt)[domain] = ex.RetryAt;
        }

        Cursor(domain).State.LastError = $"budget: {ex.Reason} until {ex.RetryAt:O}";
        LogBudgetPaused(ShopId, domain, ex.Reason, ex.RetryAt);
    }

    // True while the domain backs off (a failure, a budget pause for every priority, or the budget contended at the
    // incremental priority); for backfill also while a backfill-only pause or backfill contention lasts. Webhook-targeted
    // fetches ignore contention (they have their own line and wait in it).
    private bool IsBackingOff(SyncDomain domain, SyncKind kind = SyncKind.Incremental)
    {
        var now = services.RealTime.GetUtcNow();
        return (_retryAt.TryGetValue(domain, out var at) && now < at)
            || (kind != SyncKind.Targeted && _contendedUntil.TryGetValue(false, out var contended) && now < contended)
            || (kind == SyncKind.Backfill && _backfillRetryAt.TryGetValue(domain, out var backfillAt) && now < backfillAt)
            || (kind == SyncKind.Backfill && _contendedUntil.TryGetValue(true, out var backfillContended) && now < backfillContended);
    }

    private void BackOff(SyncCursor cursor, TimeSpan delay) => _retryAt[cursor.Domain] = services.RealTime.GetUtcNow() + delay;

    // The configured interval, stretched by the silo's polling plan for the windowed domains so the quota lasts the day.
    private TimeSpan Interval(SyncDomain domain)
    {
        var configured = syncOptions.Value.IntervalOf(domain, shop.State.SyncIntervals);
        var planned = Array.IndexOf(Windowed, domain) >= 0 ? services.Pacer.PlannedInterval(ShopId) : TimeSpan.Zero;
        return planned > configured ? planned : configured;
    }

    // Real time until the next turn: soon while work is ready, else when the first domain is due and not backing off
    // (a due domain that backs off waits for its backoff rather than spinning), a token refresh, or MaxIdleDelay.
    private TimeSpan NextTurnDelay()
    {
        var o = syncOptions.Value;
        var now = time.GetUtcNow();
        var realNow = services.RealTime.GetUtcNow();
        var busy = (sync.State.Targeted.Count > 0 && !IsBackingOff(sync.State.Targeted[0].Domain, SyncKind.Targeted)) || TrackingBusy() || _metricsRebuilding || Windowed.Any(d =>
        {
            var c = Cursor(d);
            return (c.State.Window is not null && !IsBackingOff(d)) || (c.BackfillPending && !IsBackingOff(d, SyncKind.Backfill));
        });
        if (busy)
        {
            return o.BusyTurnDelay;
        }

        TimeSpan Until(DateTimeOffset at, DateTimeOffset from) => at > from ? at - from : TimeSpan.Zero;
        TimeSpan BackoffLeft(SyncDomain d, SyncKind kind) => new[]
        {
            _retryAt.GetValueOrDefault(d), _contendedUntil.GetValueOrDefault(false),
            kind == SyncKind.Backfill ? _backfillRetryAt.GetValueOrDefault(d) : default,
            kind == SyncKind.Backfill ? _contendedUntil.GetValueOrDefault(true) : default,
        }.Select(at => Until(at, realNow)).Max();

        var delays = Enum.GetValues<SyncDomain>()
            .SelectMany(d => new[]
            {
                Cursor(d).State.NextRunAt is { } due ? Max(Until(due, now), BackoffLeft(d, SyncKind.Incremental)) : (TimeSpan?)null,
                Cursor(d).BackfillPending ? BackoffLeft(d, SyncKind.Backfill) : null,
                Cursor(d).State.Window is not null ? BackoffLeft(d, SyncKind.Incremental) : null,
            })
            .Append(sync.State.Targeted.Count > 0 ? Until(_retryAt.GetValueOrDefault(sync.State.Targeted[0].Domain), realNow) : null)
            .Append(Tokens.NextRefreshAt is { } refresh ? Until(refresh, now) : null)
            .Append(TrackingDelay())
            .OfType<TimeSpan>();
        var delay = delays.DefaultIfEmpty(o.MaxIdleDelay).Min();
        return delay < o.BusyTurnDelay ? o.BusyTurnDelay : delay > o.MaxIdleDelay ? o.MaxIdleDelay : delay;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // Warehouses and performance run on their own intervals, whatever the polling plan: one call per run each.
    private double ScheduledCallsPerHour() => Unwindowed.Sum(d => 1 / Math.Max(Interval(d).TotalHours, 1.0 / 60));
}
