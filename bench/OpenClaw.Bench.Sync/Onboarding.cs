using System.Diagnostics;
using OpenClaw.Grains.Tenants;
using OpenClaw.TestSupport;

namespace OpenClaw.Bench.Sync;

/// <summary>How onboarding went.</summary>
internal sealed record OnboardingResult(int Shops, int Connected, int Failed, TimeSpan Elapsed, IReadOnlyList<double> LatenciesMs, int Tenants, int Parallel, string? FirstError)
{
    public double ShopsPerSecond => Connected / Elapsed.TotalSeconds;
}

/// <summary>
/// Onboards shops as a seller would: a single-use code from the consent page (<c>POST /_sim/auth/code</c>), then
/// <see cref="ITenantGrain.ConnectWithAuthCodeAsync"/> (token exchange, authorized-shops call, shop grain connect).
/// A tenant grain takes one call at a time, so the shops are split over several tenants, each onboarding its own
/// shops one after another, <c>parallel</c> tenants at once.
/// </summary>
internal static class Onboarding
{
    public static async Task<OnboardingResult> RunAsync(IGrainFactory grains, HttpClient simulator, IReadOnlyList<string> shopIds,
        string tenantPrefix, int tenants, int parallel, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(shopIds.Count);
        var connected = 0;
        var failed = 0;
        string? firstError = null;
        var watch = Stopwatch.StartNew();
        var groups = Enumerable.Range(0, tenants).Select(t => (Tenant: $"{tenantPrefix}-{t}", Shops: shopIds.Where((_, i) => i % tenants == t).ToList()));
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            var tenant = grains.GetGrain<ITenantGrain>(group.Tenant);
            foreach (var shopId in group.Shops)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var code = await SimulatorAdmin.AuthCodeAsync(simulator, shopId, ct);
                    var shops = await tenant.ConnectWithAuthCodeAsync(code);
                    Interlocked.Add(ref connected, shops.Count);
                    lock (latencies)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, $"{shopId}: {ex.GetType().Name}: {ex.Message}", null);
                }

                var done = Volatile.Read(ref connected) + Volatile.Read(ref failed);
                if (done % Math.Max(1, shopIds.Count / 10) == 0)
                {
                    Console.WriteLine($"  onboarded {done:N0}/{shopIds.Count:N0} after {watch.Elapsed.TotalSeconds:F0} s");
                }
            }
        });

        return new OnboardingResult(shopIds.Count, connected, failed, watch.Elapsed, latencies, tenants, parallel, firstError);
    }
}
