using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.TestSupport;

namespace OpenClaw.Grains.Tests.Sync;

/// <summary>Compares what the grains stored with the simulator's per-entity ground truth, and waits for sync to catch up.</summary>
public static class GroundTruth
{
    /// <summary>Waits until every windowed domain of every shop has backfilled and its watermark has passed the simulator's now.</summary>
    public static async Task WaitCaughtUpAsync(SyncFixture fixture, IReadOnlyList<string> shopIds, TimeSpan timeout)
    {
        var target = fixture.Clock.Now;
        string last = "";
        await Eventually.TrueAsync(async () =>
        {
            foreach (var id in shopIds)
            {
                var report = await fixture.Cluster.Client.GetGrain<IShopGrain>(id).GetSyncReportAsync();
                var behind = report.Domains.Where(d => d.Domain is not (SyncDomain.Warehouses or SyncDomain.Performance))
                    .FirstOrDefault(d => !d.BackfillComplete || d.Watermark is not { } w || w <= target || d.InProgress);
                if (behind is not null || report.PendingTargeted > 0)
                {
                    var usage = await fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<OpenClaw.Grains.Budget.RateBudget>().GetUsageAsync();
                    last = $"budget {usage.EffectivePerAppPerSecond}/s of {usage.PerAppPerSecond}/s, recent {usage.RecentPerSecond}/s, paused {usage.PausedUntil}; "
                        + $"{id} {report.Shop.Status} token={report.Token.Status}, simulator requests {fixture.Requests.Requests.Values.Sum()}, "
                        + $"targeted {report.PendingTargeted}, behind: {behind}; all: {string.Join(" | ", report.Domains.Select(d => $"{d.Domain} p={d.Pages} bf={d.BackfillDoneBackTo:MM-dd HH:mm} err={d.LastError}"))}";
                    return false;
                }
            }

            return true;
        }, timeout, () => "sync did not catch up: " + last);
    }

    /// <summary>Every difference between stored entities and the truth (empty when equal), at most 20 lines (<see cref="TruthComparison"/>).</summary>
    public static async Task<IReadOnlyList<string>> DifferencesAsync(SyncFixture fixture, IReadOnlyList<string> shopIds) =>
        (await TruthComparison.CompareAsync(fixture.Simulator, fixture.Store, shopIds)).Differences;
}
