using System.Diagnostics;
using OpenClaw.Grains.Tenants;
using OpenClaw.TestSupport;

namespace OpenClaw.Bench.Alerts;

/// <summary>
/// The scale load beside the incidents (issue 14, "webhook-to-chat p99 under the scale load"): more simulator shops,
/// onboarded through the auth-code exchange over 10 tenants of their own (a tenant grain connects one shop at a time),
/// then left to sync at their default intervals and to receive the simulator's order webhooks, on the same silo, API,
/// simulator and store as the incident shops.
/// </summary>
internal static class LoadShops
{
    public static async Task ConnectAsync(IGrainFactory grains, HttpClient simulator, IReadOnlyList<string> shopIds)
    {
        var watch = Stopwatch.StartNew();
        var failed = 0;
        var groups = shopIds.Chunk((shopIds.Count + 9) / 10).Select((shops, i) => (Tenant: $"bench-load-{i}", Shops: shops));
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (group, ct) =>
        {
            foreach (var shopId in group.Shops)
            {
                try
                {
                    await grains.GetGrain<ITenantGrain>(group.Tenant).ConnectWithAuthCodeAsync(await SimulatorAdmin.AuthCodeAsync(simulator, shopId, ct));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        });
        Console.WriteLine($"load: {shopIds.Count - failed:N0} of {shopIds.Count:N0} shops connected in {watch.Elapsed.TotalSeconds:F0} s ({failed} failed)");
    }
}
