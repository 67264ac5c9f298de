using OpenClaw.Grains.Calls;
using OpenClaw.Grains.Shops;
using OpenClaw.Silo.Tests.Cluster;
using OpenClaw.TestSupport;
using static OpenClaw.Silo.Tests.SiloTestContext;

namespace OpenClaw.Silo.Tests;

/// <summary>A silo holding a busy shop goes away; the shop answers from the other silo and keeps every acknowledged write.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class FailoverTests
{
    [Fact]
    public async Task Failover_SigkillOfTheShopsSilo_OtherSiloAnswersAndNoAcknowledgedWriteIsLost()
    {
        var result = await RunDrillAsync(SiloStop.Kill);

        Assert.Equal(137, result.ExitCode);
    }

    [Fact]
    public async Task Shutdown_SigtermOfTheShopsSilo_ExitsZeroWithinItsShutdownTimeoutAndNoWriteIsLost()
    {
        var result = await RunDrillAsync(SiloStop.Terminate);

        Assert.Equal(0, result.ExitCode);
        Assert.NotNull(result.ExitedAfter);
        Assert.True(result.ExitedAfter < TimeSpan.FromSeconds(25), $"exited after {result.ExitedAfter} (HostOptions:ShutdownTimeout is 25 s)");
    }

    private static async Task<FailoverResult> RunDrillAsync(SiloStop how)
    {
        var (cluster, redis) = await NewClusterAsync();
        await using var _ = cluster;
        await cluster.StartSilosAsync(2, Cancellation);
        await using var client = await cluster.ConnectClientAsync(ResponseTimeout, Cancellation);
        var shopId = await ConnectShopAsync(client.Client);

        FailoverResult result;
        try
        {
            result = await FailoverDrill.RunAsync(cluster, client.Client, redis, shopId, how, FailoverBound, Cancellation);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{cluster.DescribeSilos()}", ex);
        }

        Log($"{how}: answered by {result.AnsweredBy} after {result.AnsweredAfter.TotalMilliseconds:F0} ms, writer resumed after {result.WriterResumedAfter.TotalMilliseconds:F0} ms; " +
            $"{result.Writes.Count} acknowledged writes, stored revision {result.StoredRevision}, exit {result.ExitCode} after {result.ExitedAfter?.TotalMilliseconds:F0} ms");

        Assert.True(result.AnsweredAfter < FailoverBound, $"answered after {result.AnsweredAfter}\n{cluster.DescribeSilos()}");
        Assert.False(result.Stopped.Hosts(result.AnsweredBy));
        Assert.Equal(0, result.LostWrites);
        Assert.True(result.StoredRevision >= result.Writes[^1].Revision);
        Assert.All(result.Writes.Zip(result.Writes.Skip(1)), pair => Assert.True(pair.Second.Revision > pair.First.Revision));

        // The grain itself agrees with Redis, from a surviving silo.
        var final = await GrainCallRetry.RetryAsync(() => client.Client.GetGrain<IShopGrain>(shopId).GetAsync(), FailoverBound, Cancellation);
        Assert.Equal(result.StoredRevision, final.Revision);
        Assert.Contains(cluster.Running, s => s.Hosts(final.Silo));
        return result;
    }
}
