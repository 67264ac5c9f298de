using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Sync;

namespace OpenClaw.Bench.Sync;

/// <summary>
/// Where the shops' sync stands, from the Redis read model (<c>oc:{s:&lt;id&gt;}:summary</c>, one pipelined read for
/// every shop) rather than a call to every grain. Lag = TikTok-clock now − a domain's watermark (everything changed
/// before the watermark is stored), so it includes the configured settle time.
/// </summary>
internal sealed record LagSnapshot(
    int Shops, int Reported, int Active, int BackfillPending, int WithErrors,
    IReadOnlyList<double> OrdersLag, IReadOnlyList<double> WorstLag, IReadOnlyList<double> OrdersInterval, int OrdersWithinInterval, int AllWithinInterval,
    IReadOnlyDictionary<string, int> Statuses, long TrackingPending)
{
    public static async Task<LagSnapshot> ReadAsync(ShopReadModel readModel, IReadOnlyList<string> shopIds, DateTimeOffset now,
        Func<SyncDomain, TimeSpan, TimeSpan> allowedLag)
    {
        var reports = await readModel.ReadAsync(shopIds);
        var ordersLag = new List<double>();
        var worstLag = new List<double>();
        var intervals = new List<double>();
        int active = 0, pending = 0, errors = 0, ordersWithin = 0, allWithin = 0;
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            var status = report.Shop.Status.ToString();
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            active += report.Shop.Status == Grains.Shops.ShopStatus.Active ? 1 : 0;
            var windowed = WindowedOf(report).ToList();
            pending += windowed.Any(d => d.BackfillFrom is not null && !d.BackfillComplete) ? 1 : 0;
            errors += report.Domains.Any(d => d.ConsecutiveFailures > 0) ? 1 : 0;
            var within = true;
            double worst = 0;
            foreach (var d in windowed)
            {
                var (domainLag, _, ok) = Check(d, now, allowedLag);
                within &= ok;
                if (domainLag is not { } behind)
                {
                    continue;
                }

                var lag = behind.TotalSeconds;
                worst = Math.Max(worst, lag);
                if (d.Domain == SyncDomain.Orders)
                {
                    ordersLag.Add(lag);
                    ordersWithin += ok ? 1 : 0;
                    if (PlannedIntervalOf(d) is var interval && interval > TimeSpan.Zero)
                    {
                        intervals.Add(interval.TotalSeconds);
                    }
                }
            }

            worstLag.Add(worst);
            allWithin += within ? 1 : 0;
        }

        return new LagSnapshot(shopIds.Count, reports.Count, active, pending, errors, ordersLag, worstLag, intervals, ordersWithin, allWithin, statuses,
            reports.Sum(r => r.PendingTracking));
    }

    /// <summary>The domains synced in windows (warehouses and performance are full runs, without a lag).</summary>
    public static IEnumerable<DomainSyncStatus> WindowedOf(ShopSyncReport report) =>
        report.Domains.Where(d => d.Domain is not (SyncDomain.Warehouses or SyncDomain.Performance));

    /// <summary>
    /// A windowed domain's lag (now − watermark; null before its first window), the lag the bench allows for its planned
    /// interval, and whether the lag is within it.
    /// </summary>
    public static (TimeSpan? Lag, TimeSpan Allowed, bool Within) Check(DomainSyncStatus d, DateTimeOffset now, Func<SyncDomain, TimeSpan, TimeSpan> allowedLag)
    {
        var allowed = allowedLag(d.Domain, PlannedIntervalOf(d));
        var lag = d.Watermark is { } mark ? now - mark : (TimeSpan?)null;
        return (lag, allowed, lag is { } l && l <= allowed);
    }

    /// <summary>
    /// The interval the grain planned for the domain's next run: a run is due one interval after its window opened
    /// (watermark + settle), or after its completion when that is earlier (<c>SyncCursor.CompletePage</c>); zero
    /// before the first completed window.
    /// </summary>
    public static TimeSpan PlannedIntervalOf(DomainSyncStatus d)
    {
        if (d.NextRunAt is not { } next || d.LastSuccessAt is not { } last)
        {
            return TimeSpan.Zero;
        }

        var opened = d.Watermark is { } mark && mark + Settle < last ? mark + Settle : last;
        return next > opened ? next - opened : TimeSpan.Zero;
    }

    // The benches run the silo with the default settle time (Sync:Settle).
    private static readonly TimeSpan Settle = new SyncOptions().Settle;
}
