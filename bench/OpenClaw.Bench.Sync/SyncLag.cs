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
            var windowed = report.Domains.Where(d => d.Domain is not (SyncDomain.Warehouses or SyncDomain.Performance)).ToList();
            pending += windowed.Any(d => d.BackfillFrom is not null && !d.BackfillComplete) ? 1 : 0;
            errors += report.Domains.Any(d => d.ConsecutiveFailures > 0) ? 1 : 0;
            var within = true;
            double worst = 0;
            foreach (var d in windowed)
            {
                if (d.Watermark is not { } mark)
                {
                    within = false;
                    continue;
                }

                var lag = (now - mark).TotalSeconds;
                var interval = PlannedIntervalOf(d);
                var ok = lag <= allowedLag(d.Domain, interval).TotalSeconds;
                within &= ok;
                worst = Math.Max(worst, lag);
                if (d.Domain == SyncDomain.Orders)
                {
                    ordersLag.Add(lag);
                    ordersWithin += ok ? 1 : 0;
                    if (interval > TimeSpan.Zero)
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
