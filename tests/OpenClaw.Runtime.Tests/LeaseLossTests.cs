using OpenClaw.Runtime.Tests.Grains;
using OpenClaw.Runtime.Tests.Support;
using OpenClaw.TestSupport;

namespace OpenClaw.Runtime.Tests;

/// <summary>A silo that cannot renew its leases (Redis gone) stops serving before they can expire, and recovers.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
[Collection(MultiSiloGroup.Name)]
public sealed class LeaseLossTests
{
    [Fact]
    public async Task When_redis_goes_away_the_silo_deactivates_its_grains_within_the_lease_ttl_and_serves_again_when_it_returns()
    {
        await using var server = await RedisServer.StartAsync();
        var serviceId = "lease-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = await InProcessSilo.StartClusteredAsync(server.ConnectionString, serviceId);
        using (var redis = server.Connect())
        {
            await ClusterProbe.WaitForBalanceAsync(redis, serviceId, 1, TimeSpan.FromSeconds(30));
        }

        var key = "lease-" + Guid.NewGuid().ToString("N");
        var grain = silo.Grains.GetGrain<IWatchedGrain>(key);
        await grain.Hello("before");

        await server.StopAsync();
        var stopped = DateTime.UtcNow;
        await Eventually.UntilAsync(
            () => Task.FromResult(WatchedGrain.Deactivations.Any(d => d.Key == key && d.Reason == DeactivationReasonCode.Migrating)),
            timeoutMs: 10_000);
        Assert.True(DateTime.UtcNow - stopped < TimeSpan.FromSeconds(7), "the silo kept serving past its lease");

        await server.StartAgainAsync();
        Assert.Equal($"hello after from {key}", await grain.Hello("after"));
    }
}
