using System.Globalization;
using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Sync;

namespace OpenClaw.Bench.Sync;

/// <summary>
/// The shops whose sync lags beyond what the bench allows, one line per lagging domain: lag and allowance in minutes,
/// the watermark, the last completed window, the next due run, backfill state and the last error. For finding out
/// why a shop lags, not for the report's numbers (those are <see cref="LagSnapshot"/>'s).
/// </summary>
internal static class LaggingShops
{
    public static async Task PrintAsync(ShopReadModel readModel, IReadOnlyList<string> shopIds, DateTimeOffset now,
        Func<SyncDomain, TimeSpan, TimeSpan> allowedLag, Func<string, TimeSpan> plannedInterval, int max)
    {
        var reports = await readModel.ReadAsync(shopIds);
        var shown = 0;
        foreach (var report in reports)
        {
            var lines = new List<string>();
            foreach (var d in LagSnapshot.WindowedOf(report))
            {
                var (lag, allowed, within) = LagSnapshot.Check(d, now, allowedLag);
                if (within)
                {
                    continue;
                }

                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"    {d.Domain,-14} lag {(lag is { } x ? x.TotalMinutes.ToString("F0", CultureInfo.InvariantCulture) : "-"),6} min > {allowed.TotalMinutes:F0}; " +
                    $"wm {d.Watermark:MM-dd HH:mm} last {d.LastSuccessAt:MM-dd HH:mm} next {d.NextRunAt:MM-dd HH:mm} in-progress {d.InProgress} " +
                    $"backfill {(d.BackfillFrom is null ? "none" : d.BackfillComplete ? "done" : $"to {d.BackfillDoneBackTo:MM-dd HH:mm}")} " +
                    $"fails {d.ConsecutiveFailures} {d.LastError}"));
            }

            if (lines.Count == 0)
            {
                continue;
            }

            if (shown++ < max)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  lagging {report.Shop.ShopId} ({report.Shop.Status}, planned {plannedInterval(report.Shop.ShopId).TotalMinutes:F0} min, tracking waiting {report.PendingTracking}):"));
                lines.ForEach(Console.WriteLine);
            }
        }

        Console.WriteLine($"  {shown} shops lag beyond the allowance");
    }
}
