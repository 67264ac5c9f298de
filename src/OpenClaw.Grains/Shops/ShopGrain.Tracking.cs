using Microsoft.Extensions.Logging;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Sync.Fetchers;
using OpenClaw.Grains.Sync.Tracking;
using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.Grains.Shops;

// Tracking of final packages: the lowest-priority sync work, drained from the shop's TrackingBacklog when the quota
// plan allows. Due entries (found by incremental sync) go at incremental priority while the day's forecast affords it,
// else at backfill priority (paced by the budget); backlog entries (found by backfill) always at backfill priority.
// A refusal or failure defers the list; nothing is dropped except orders TikTok will never answer for.
public sealed partial class ShopGrain
{
    // Per list (due = true, backlog = false): do not drain before this real time (budget pause, failure backoff).
    private readonly Dictionary<bool, DateTimeOffset> _trackingRetryAt = [];

    // Entries waiting per list as last counted (null: unknown, e.g. after activation); recounted after packages pages.
    private (long Due, long Backlog)? _trackingPending;
    private long _trackingCountedAtPages = -1;

    /// <summary>Orders waiting for their tracking, as last counted.</summary>
    private long PendingTrackingCount => _trackingPending is { } p ? p.Due + p.Backlog : 0;

    // Up to TrackingPerTurn calls from one list, within the turn's time budget. Returns the calls made.
    private async Task<int> RunTrackingAsync(bool due, CancellationToken cancellationToken)
    {
        var realNow = services.RealTime.GetUtcNow();
        if (!IsSyncing || realNow >= _turnEndsAt || (_trackingRetryAt.TryGetValue(due, out var at) && realNow < at))
        {
            return 0;
        }

        // History first: a shop's backlog waits until its backfill is done, so tracking never takes backfill's pace.
        if (!await RecountTrackingAsync() || (due ? _trackingPending!.Value.Due : _trackingPending!.Value.Backlog) == 0
            || (!due && Windowed.Any(d => Cursor(d).BackfillPending)))
        {
            return 0;
        }

        var calls = 0;
        try
        {
            foreach (var pending in await services.Tracking.PeekAsync(ShopId, due, syncOptions.Value.TrackingPerTurn))
            {
                if (!IsSyncing || services.RealTime.GetUtcNow() >= _turnEndsAt)
                {
                    break;
                }

                var kind = due && services.Pacer.AffordsDeferrable ? SyncKind.Incremental : SyncKind.Backfill;
                calls++;
                try
                {
                    var version = await PackageFetcher.FetchTrackingAsync(await FetchContextAsync(kind, cancellationToken), pending, cancellationToken);
                    await services.Store.UpsertAsync(ShopId, [version]);
                    await ApplyMetricsAsync([version]);
                }
                catch (TikTokShopException ex) when (ex.Error.Entry.Reaction == OpenClawReaction.SkipAndRecord)
                {
                    // The order is not the seller's (21008111 …): asking again cannot help.
                    LogTrackingDropped(ShopId, pending.OrderId, ex.Error.Entry.Key);
                }

                await services.Tracking.RemoveAsync(ShopId, pending.OrderId);
                _trackingPending = due ? _trackingPending!.Value with { Due = _trackingPending.Value.Due - 1 }
                    : _trackingPending!.Value with { Backlog = _trackingPending.Value.Backlog - 1 };
            }
        }
        catch (RateBudgetPausedException ex)
        {
            // Deferred, not dropped: the entries stay listed. Due entries refused at backfill priority look again after
            // the next plan, which may find the forecast affords incremental priority long before backfill's pace would.
            var replan = services.RealTime.GetUtcNow() + SyncPacer.RefreshEvery;
            _trackingRetryAt[due] = due && ex.Priority == CallPriority.Backfill && ex.RetryAt > replan ? replan : ex.RetryAt;
            if (ex.Reason == RateBudgetPauseReason.Contended)
            {
                _turnEndsAt = services.RealTime.GetUtcNow(); // as for pages: give the grain back while the budget is contended
            }

            LogTrackingDeferred(ShopId, due, ex.Reason, ex.RetryAt);
        }
        catch (TikTokShopException ex)
        {
            // Handled as a packages failure (backoff, token and shop status reactions); this list waits as long.
            var cursor = Cursor(SyncDomain.Packages);
            await OnCallFailedAsync(cursor, due ? SyncKind.Incremental : SyncKind.Backfill, ex.Error);
            _trackingRetryAt[due] = _retryAt.TryGetValue(SyncDomain.Packages, out var retryAt) ? retryAt : services.RealTime.GetUtcNow() + syncOptions.Value.FailureBackoff;
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            _trackingRetryAt[due] = services.RealTime.GetUtcNow() + syncOptions.Value.FailureBackoff;
            _trackingPending = null;
            LogStoreFailed(ex, ShopId, SyncDomain.Packages);
        }

        if (calls > 0)
        {
            sync.State.CountCalls(calls, time.GetUtcNow());
        }

        return calls;
    }

    // Counts the lists after activation and after packages pages (which add to them); false when the store failed.
    private async Task<bool> RecountTrackingAsync()
    {
        var pages = Cursor(SyncDomain.Packages).State.Pages;
        if (_trackingPending is not null && pages == _trackingCountedAtPages)
        {
            return true;
        }

        try
        {
            var before = _trackingPending;
            _trackingPending = await services.Tracking.CountAsync(ShopId);
            _trackingCountedAtPages = pages;
            if (before is { } known)
            {
                // Only packages pages add to the due list between counts: the growth is new demand the plan reserves for.
                _profile.RecordTrackingFound(_trackingPending.Value.Due - known.Due);
            }

            return true;
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            LogStoreFailed(ex, ShopId, SyncDomain.Packages);
            return false;
        }
    }

    // True while a list has entries and is not deferred: the next turn should come soon.
    private bool TrackingBusy()
    {
        var realNow = services.RealTime.GetUtcNow();
        bool Ready(bool due, long count) => count > 0 && !(_trackingRetryAt.TryGetValue(due, out var at) && realNow < at);
        return _trackingPending is { } p && (Ready(true, p.Due) || (Ready(false, p.Backlog) && !Windowed.Any(d => Cursor(d).BackfillPending)));
    }

    // Real time until a deferred list with entries may be drained again; null when none waits for that.
    private TimeSpan? TrackingDelay()
    {
        var realNow = services.RealTime.GetUtcNow();
        return _trackingPending is { } p
            ? new[] { (Due: true, Count: p.Due), (Due: false, Count: p.Backlog) }
                .Where(l => l.Count > 0 && _trackingRetryAt.TryGetValue(l.Due, out var at) && at > realNow)
                .Select(l => (TimeSpan?)(_trackingRetryAt[l.Due] - realNow)).Min()
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shop {ShopId} defers tracking (due: {Due}) for the rate budget ({Reason}) until {RetryAt}")]
    private partial void LogTrackingDeferred(string shopId, bool due, RateBudgetPauseReason reason, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shop {ShopId} drops the tracking of order {OrderId}: {ErrorKey} (not retryable)")]
    private partial void LogTrackingDropped(string shopId, string orderId, string errorKey);
}
