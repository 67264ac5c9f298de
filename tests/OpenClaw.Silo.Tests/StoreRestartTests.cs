using System.Diagnostics;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Shops;
using OpenClaw.Silo.Tests.Cluster;
using OpenClaw.TestSupport;
using static OpenClaw.Silo.Tests.SiloTestContext;
using static OpenClaw.Silo.Tests.SyncingShops;

namespace OpenClaw.Silo.Tests;

/// <summary>
/// Issue 14's fault "store restart with persistence": the store every silo writes (grain state, cursors, entities,
/// Orleans membership and reminders) is killed in the middle of the shops' backfill and started again on the same port
/// from its append-only file. Afterwards the silos are still up, every shop syncs again, and the store equals the
/// simulator's ground truth: nothing lost, nothing stored twice. A store of its own (the shared one serves other test
/// assemblies running meanwhile), Garnet or redis-server as the run chooses. It found the notification sender ending on
/// a <c>RedisTimeoutException</c> during the outage, which stopped its silo (docs/reliability.md, "Store restart").
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class StoreRestartTests
{
    private const int Seed = 1415;
    private const int ShopCount = 4;
    private const int HistoryDays = 5;
    private const string TenantId = "tenant-store-restart";

    // The store is down this long: longer than a Redis command's timeout, shorter than Orleans' membership would take to
    // declare a silo dead (it cannot write the table either).
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(6);

    // Slow, correct answers, so the backfill is still running when the store goes away.
    private static readonly string[] LatencyPrefixes = ["/order/", "/return_refund/", "/fulfillment/", "/product/"];

    [Fact]
    public async Task StoreKilledMidBackfill_RestartedFromItsAppendOnlyFile_SilosStayUpShopsResumeAndStoreEqualsTruth()
    {
        await using var store = await RedisServer.StartAsync(persistent: true);
        await using var simulator = await InProcessSimulator.StartAsync(Seed, ShopCount, Cancellation, HistoryDays);
        var settings = FastSettings(simulator.Url, "store-restart-", HistoryDays + 1);
        foreach (var domain in Windowed)
        {
            settings[$"Sync__Intervals__{domain}"] = "00:00:02";
        }

        settings["RateBudget__Polling__MinimumInterval"] = "00:00:02";
        await using var cluster = new SiloCluster(store.ConnectionString, settings);
        await cluster.StartSilosAsync(2, Cancellation);
        await using var client = await cluster.ConnectClientAsync(ResponseTimeout, Cancellation);
        var grains = client.Client;
        foreach (var prefix in LatencyPrefixes)
        {
            await SimulatorAdmin.AddFaultAsync(simulator.Http, new { kind = "latency", delay_ms = 200, path_prefix = prefix }, Cancellation);
        }

        var shopIds = await SimulatorAdmin.ShopIdsAsync(simulator.Http, Cancellation);
        await OnboardAsync(grains, simulator.Http, TenantId, shopIds);

        // Mid-backfill: every shop has stored pages and none has finished.
        await Eventually.TrueAsync(async () => (await ReportsAsync(grains, shopIds)).Values.All(r => WindowedOf(r).Sum(d => d.Pages) >= 3),
            TimeSpan.FromSeconds(60), () => "the shops never started their backfill");
        var before = await ReportsAsync(grains, shopIds);
        Assert.Contains(before.Values, r => WindowedOf(r).Any(d => !d.BackfillComplete));

        await store.StopAsync();
        await Task.Delay(Outage, Cancellation);
        await store.StartAgainAsync();
        var restarted = Stopwatch.GetTimestamp();

        // Every shop syncs again: active, every windowed domain has checkpointed a page since the restart, none failing.
        var atRestart = await ReportsAsync(grains, shopIds);
        var last = "";
        await Eventually.TrueAsync(async () =>
        {
            var now = await ReportsAsync(grains, shopIds);
            var waiting = now.Values.Where(r => !FaultScenario.SyncingAgain(atRestart[r.Shop.ShopId], r)).ToList();
            last = string.Join("\n", waiting.Select(r => $"{r.Shop.ShopId} {r.Shop.Status} on {r.Shop.Silo}: {Position(r)}"));
            return waiting.Count == 0;
        }, FaultScenario.RecoveryBound, () => $"not every shop synced again after the store restarted:\n{last}\n{cluster.DescribeSilos()}");
        var recovery = Stopwatch.GetElapsedTime(restarted);

        var simulatedNow = simulator.Clock.Now;
        await Eventually.TrueAsync(async () =>
        {
            var now = await ReportsAsync(grains, shopIds);
            var behind = now.Values.Where(r => !CaughtUp(r, simulatedNow)).ToList();
            last = string.Join("\n", behind.Select(r => $"{r.Shop.ShopId} on {r.Shop.Silo}: {Position(r)}"));
            return behind.Count == 0;
        }, FaultScenario.CatchUpBound, () => $"not every shop caught up after the store restarted:\n{last}\n{cluster.DescribeSilos()}");

        using var redis = store.Connect();
        var truth = await TruthComparison.CompareAsync(simulator.Http, new EntityStore(redis), shopIds, Cancellation);
        Log($"store ({store.Kind}) down {Outage.TotalSeconds:F0} s mid-backfill; every shop syncing again {recovery.TotalSeconds:F1} s after it answered again, "
            + $"caught up after {Stopwatch.GetElapsedTime(restarted).TotalSeconds:F1} s; entities {truth.Compared} in the truth, {truth.Stored} stored, "
            + $"{truth.DifferenceCount} differences; silos running {cluster.Running.Count()} of {cluster.Silos.Count} started");

        foreach (var exited in cluster.Silos.Where(s => s.HasExited))
        {
            Log($"{exited} exited with {exited.ExitCode}:\n{exited.Tail(80)}");
        }

        Assert.Equal(2, cluster.Running.Count());
        Assert.True(truth.DifferenceCount == 0, $"{truth.DifferenceCount} differences:\n{string.Join("\n", truth.Differences)}");
        Assert.Equal(truth.Compared, truth.Stored);
        Assert.All((await ReportsAsync(grains, shopIds)).Values, r => Assert.Equal(ShopStatus.Active, r.Shop.Status));
    }
}
