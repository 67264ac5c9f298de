using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OpenClaw.Grains.Budget;
using StackExchange.Redis;

namespace OpenClaw.Grains.Sync;

/// <summary>
/// Paces this silo's incremental polling so the app's daily quota lasts the whole day (issue 9, ARCHITECTURE §5). Shop
/// grains report their measured profile (calls per cycle, activity, webhook coverage) after each turn; every
/// <see cref="RefreshEvery"/> the pacer takes this silo's share of the remaining quota (its shops ÷ the cluster's active
/// shops, counted in Redis) and lets <see cref="PollingPlanner"/> plan each shop's interval. A grain polls a domain no
/// more often than <c>max(configured interval, planned interval)</c>.
/// </summary>
public sealed partial class SyncPacer(RateBudget budget, PollingPlanner planner, IConnectionMultiplexer redis, TimeProvider time, ILogger<SyncPacer> logger)
{
    /// <summary>How often the plan is recomputed (real time).</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(30);

    /// <summary>A shop not reported for this long is no longer counted as active.</summary>
    public static readonly TimeSpan ActiveFor = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, (ShopPollingProfile Profile, DateTimeOffset At)> _profiles = new(StringComparer.Ordinal);
    private int _refreshing;
    private Dictionary<string, TimeSpan> _intervals = [];
    private DateTimeOffset _plannedAt = DateTimeOffset.MinValue;
    private volatile bool _affordsDeferrable = true;

    /// <summary>Records a shop's profile after a turn.</summary>
    public void Report(ShopPollingProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _profiles[profile.ShopId] = (profile, time.GetUtcNow());
    }

    /// <summary>Forgets a shop (disconnected, paused, deactivated).</summary>
    public void Forget(string shopId) => _profiles.TryRemove(shopId, out _);

    /// <summary>
    /// The planned interval of a shop: zero before the first plan or for a shop never planned (no stretch); a shop left
    /// out of the latest plan because it has not reported lately keeps its previous interval.
    /// </summary>
    public TimeSpan PlannedInterval(string shopId)
    {
        _ = RefreshIfDueAsync();
        return _intervals.TryGetValue(shopId, out var interval) ? interval : TimeSpan.Zero;
    }

    /// <summary>
    /// True while the day's forecast at the last plan leaves room for deferrable work (<see cref="PollingPlanner.AffordsDeferrable"/>);
    /// true before the first plan (the budget still enforces the quota).
    /// </summary>
    public bool AffordsDeferrable
    {
        get
        {
            _ = RefreshIfDueAsync();
            return _affordsDeferrable;
        }
    }

    /// <summary>Recomputes the plan now (the first caller after <see cref="RefreshEvery"/> does it; others keep the old plan).</summary>
    public async Task RefreshIfDueAsync()
    {
        var now = time.GetUtcNow();
        if (now - _plannedAt < RefreshEvery || Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
        {
            return;
        }

        try
        {
            _plannedAt = now;
            var local = _profiles.Where(p => now - p.Value.At < ActiveFor).Select(p => p.Value.Profile).ToList();
            var db = redis.GetDatabase();
            var cutoff = (now - ActiveFor).ToUnixTimeSeconds();
            await db.SortedSetAddAsync(budget.Keys.ActiveShops, [.. local.Select(p => new SortedSetEntry(p.ShopId, now.ToUnixTimeSeconds()))]).ConfigureAwait(false);
            await db.SortedSetRemoveRangeByScoreAsync(budget.Keys.ActiveShops, double.NegativeInfinity, cutoff).ConfigureAwait(false);
            await db.KeyExpireAsync(budget.Keys.ActiveShops, TimeSpan.FromDays(1)).ConfigureAwait(false);
            var clusterShops = Math.Max(local.Count, await db.SortedSetLengthAsync(budget.Keys.ActiveShops).ConfigureAwait(false));
            var usage = await budget.GetUsageAsync().ConfigureAwait(false);
            // Polling and deferrable work run at incremental priority: what they may spend ends at its limit (95 % of the
            // quota by default), not at the quota, or the plan would run into that limit before the day ends.
            var limit = budget.QuotaLimit(OpenClaw.TikTokShop.Resilience.CallPriority.Incremental);
            _affordsDeferrable = planner.AffordsDeferrable(usage.UsedToday, usage.ForecastForDay, limit);
            var share = clusterShops == 0 ? 0 : (double)local.Count / clusterShops;
            var remaining = (long)((limit - usage.UsedToday) * share);
            var plan = planner.Plan(remaining, usage.DayEndsAt - usage.AsOf, local);
            // A shop still known here but not reported within ActiveFor (a sync turn that waited long for the budget)
            // keeps its last planned interval: falling back to the configured one would spend quota exactly while the
            // budget is contended. Forget removes a shop for good.
            var intervals = new Dictionary<string, TimeSpan>(plan.Intervals, StringComparer.Ordinal);
            foreach (var (shopId, interval) in _intervals)
            {
                if (!intervals.ContainsKey(shopId) && _profiles.ContainsKey(shopId))
                {
                    intervals[shopId] = interval;
                }
            }

            _intervals = intervals;
            LogPlanned(local.Count, clusterShops, remaining, plan.QuotaLasts);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogPlanFailed(ex); // keep the previous plan; the budget still enforces the quota
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Polling plan for {LocalShops} of {ClusterShops} active shops with {Remaining} calls left: quota lasts {QuotaLasts}")]
    private partial void LogPlanned(int localShops, long clusterShops, long remaining, bool quotaLasts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the polling plan; keeping the previous one")]
    private partial void LogPlanFailed(Exception exception);
}
