using OpenClaw.Grains.Calls;
using OpenClaw.Grains.Shops;
using OpenClaw.Silo.Tests.Cluster;
using OpenClaw.TestSupport;
using StackExchange.Redis;

// The silo processes compete for the same two cores; running these tests one at a time keeps failover timings meaningful.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

namespace OpenClaw.Silo.Tests;

/// <summary>What most tests start from: the shared Redis, a fresh cluster on it, and a helper to connect a shop.</summary>
internal static class SiloTestContext
{
    /// <summary>Client response timeout: a call into a dead silo fails after this and is retried.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Generous bound for the grain to answer again after a silo is stopped (the 5 s target is measured by the bench).</summary>
    public static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(20);

    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    /// <summary>A fresh cluster on the shared Redis; <paramref name="outputLine"/> sees every line its silos write.</summary>
    public static async Task<(SiloCluster Cluster, IDatabase Redis)> NewClusterAsync(
        IReadOnlyDictionary<string, string>? settings = null, Action<string>? outputLine = null)
    {
        var server = await SharedRedis.GetAsync();
        var redis = server.Connect();
        return (new SiloCluster(server.ConnectionString, settings) { OutputLine = outputLine }, redis.GetDatabase());
    }

    public static async Task<string> ConnectShopAsync(IGrainFactory grains)
    {
        var shopId = "shop-" + Guid.NewGuid().ToString("N")[..10];
        var snapshot = await GrainCallRetry.RetryAsync(
            () => grains.GetGrain<IShopGrain>(shopId).ConnectAsync(new ShopRegistration("tenant-a", "跨境旗舰店", "MY")),
            FailoverBound, Cancellation);
        Assert.Equal(ShopStatus.Active, snapshot.Status);
        return shopId;
    }
}
