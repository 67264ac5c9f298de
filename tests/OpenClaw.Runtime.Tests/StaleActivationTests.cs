using OpenClaw.Runtime.Tests.Grains;
using OpenClaw.Runtime.Tests.Support;
using OpenClaw.TestSupport;

namespace OpenClaw.Runtime.Tests;

/// <summary>
/// Two single-process silos on one storage play a stale activation (as during a membership change): the activation
/// that writes second gets <see cref="InconsistentStateException"/>, deactivates, and its successor sees the winner's write.
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class StaleActivationTests
{
    [Fact]
    public async Task A_stale_activations_write_fails_and_it_deactivates_and_the_next_activation_reads_the_winner()
    {
        var server = await SharedRedis.GetAsync();
        var serviceId = "stale-" + Guid.NewGuid().ToString("N")[..8];
        await using var a = await InProcessSilo.StartLocalAsync(server.ConnectionString, serviceId);
        await using var b = await InProcessSilo.StartLocalAsync(server.ConnectionString, serviceId);
        var onA = a.Grains.GetGrain<ITurnProbeGrain>("contested");
        var onB = b.Grains.GetGrain<ITurnProbeGrain>("contested");

        Assert.Equal(1, await onA.Increment());
        var staleId = await onA.ActivationId();
        Assert.Equal(2, await onB.Increment());

        await Assert.ThrowsAsync<InconsistentStateException>(() => onA.Increment());
        await Eventually.UntilAsync(async () => await onA.ActivationId() != staleId);
        Assert.Equal(3, await onA.Increment());
    }
}
