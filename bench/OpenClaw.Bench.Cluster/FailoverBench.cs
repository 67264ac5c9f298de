using OpenClaw.Grains.Calls;
using OpenClaw.Grains.Shops;
using OpenClaw.Silo.Tests.Cluster;
using OpenClaw.TestSupport;
using Orleans.Configuration;

namespace OpenClaw.Bench.Cluster;

/// <summary>Results of one store × membership × stop kind.</summary>
internal sealed record FailoverRow(RedisServerKind Store, string Membership, SiloStop How, IReadOnlyList<FailoverResult> Runs);

/// <summary>
/// Repeats <see cref="FailoverDrill"/> on two silo processes: each run stops the silo holding the shop, measures,
/// then starts a replacement so the next run again has two silos.
/// </summary>
internal static class FailoverBench
{
    /// <summary>Client response timeout: bounds how long a call lost with a silo waits before it is retried.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(2);

    // Orleans' defaults take ~17 s to declare a SIGKILLed silo dead (recipe); leave room for a slow run.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private static readonly (string Name, IReadOnlyDictionary<string, string> Settings)[] Memberships =
    [
        ("OpenClaw (tightened)", new Dictionary<string, string>()),
        ("Orleans defaults", SiloCluster.OrleansDefaultMembership),
    ];

    /// <summary>
    /// Fails unless the values the bench sets as "Orleans defaults" are what this Orleans build's
    /// <see cref="ClusterMembershipOptions"/> really defaults to.
    /// </summary>
    public static string VerifyOrleansDefaults()
    {
        var o = new ClusterMembershipOptions();
        var actual = $"ProbeTimeout={o.ProbeTimeout}, NumMissedProbesLimit={o.NumMissedProbesLimit}, " +
                     $"TableRefreshTimeout={o.TableRefreshTimeout}, DeathVoteExpirationTimeout={o.DeathVoteExpirationTimeout}";
        var d = SiloCluster.OrleansDefaultMembership;
        var expected = $"ProbeTimeout={d["Orleans__Membership__ProbeTimeout"]}, NumMissedProbesLimit={d["Orleans__Membership__NumMissedProbesLimit"]}, " +
                       $"TableRefreshTimeout={d["Orleans__Membership__TableRefreshTimeout"]}, DeathVoteExpirationTimeout={d["Orleans__Membership__DeathVoteExpirationTimeout"]}";
        return actual == expected
            ? actual
            : throw new InvalidOperationException($"Orleans' ClusterMembershipOptions defaults are {actual}, the bench assumes {expected}");
    }

    public static async Task<IReadOnlyList<FailoverRow>> RunAsync(RedisServerKind store, int runs, CancellationToken cancellationToken)
    {
        await using var redis = await RedisServer.StartAsync(store);
        using var connection = redis.Connect();
        var rows = new List<FailoverRow>();
        foreach (var (membership, settings) in Memberships)
        {
            await using var cluster = new SiloCluster(redis.ConnectionString, settings);
            await cluster.StartSilosAsync(2, cancellationToken);
            await using var client = await cluster.ConnectClientAsync(ResponseTimeout, cancellationToken);
            var shopId = "bench-shop-" + Guid.NewGuid().ToString("N")[..8];
            await GrainCallRetry.RetryAsync(
                () => client.Client.GetGrain<IShopGrain>(shopId).ConnectAsync(new ShopRegistration("bench-tenant", "Bench shop", "US")),
                Bound, cancellationToken);

            foreach (var how in new[] { SiloStop.Kill, SiloStop.Terminate })
            {
                var results = new List<FailoverResult>();
                for (var run = 1; run <= runs; run++)
                {
                    while (cluster.Running.Count() < 2)
                    {
                        await cluster.StartSiloAsync(cancellationToken);
                    }

                    var result = await FailoverDrill.RunAsync(cluster, client.Client, connection.GetDatabase(), shopId, how, Bound, cancellationToken);
                    results.Add(result);
                    Console.WriteLine(
                        $"  {store,-6} {membership,-22} {how,-9} run {run,2}: answered again after {Stats.Ms(result.AnsweredAfter.TotalMilliseconds),9}, " +
                        $"writer resumed after {Stats.Ms(result.WriterResumedAfter.TotalMilliseconds),9}, exit {result.ExitCode} after " +
                        $"{(result.ExitedAfter is { } e ? Stats.Ms(e.TotalMilliseconds) : "-"),9}, {result.Writes.Count} writes, lost {result.LostWrites}");
                }

                rows.Add(new FailoverRow(store, membership, how, results));
            }
        }

        return rows;
    }
}
