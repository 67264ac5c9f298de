using OpenClaw.Runtime.Tests.Grains;
using OpenClaw.Runtime.Tests.Support;
using OpenClaw.TestSupport;

namespace OpenClaw.Runtime.Tests;

/// <summary>Single-process silo with in-memory storage: programming model, turns, timers, lifecycle.</summary>
public sealed class LocalRuntimeTests : IAsyncLifetime
{
    private InProcessSilo silo = null!;

    public async Task InitializeAsync() => silo = await InProcessSilo.StartLocalAsync();

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task A_grain_reference_reaches_the_grain_with_its_key()
    {
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("shop-1");
        Assert.Equal("hello ann from shop-1", await grain.Hello("ann"));
        Assert.Equal("shop-1", grain.GetPrimaryKeyString());
    }

    [Fact]
    public async Task Calls_that_await_in_the_middle_never_interleave_on_one_activation()
    {
        var grain = silo.Grains.GetGrain<ITurnProbeGrain>("turns");
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => grain.Enter(2)));
        Assert.Equal(0, await grain.Overlaps());
    }

    [Fact]
    public async Task Different_grains_run_their_turns_concurrently()
    {
        var started = DateTime.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => silo.Grains.GetGrain<ITurnProbeGrain>("parallel-" + i).Enter(200)));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), "20 grains × 200 ms ran one after another");
    }

    [Fact]
    public async Task A_timer_tick_longer_than_its_period_never_overlaps_itself_or_a_call()
    {
        var grain = silo.Grains.GetGrain<ITimerProbeGrain>("timer");
        await grain.Start(periodMs: 5, tickMs: 30, interleave: false);
        for (var i = 0; i < 10; i++)
        {
            await grain.Work(10);
        }

        await Eventually.UntilAsync(async () => (await grain.Stats())[0] >= 5);
        var stats = await grain.Stats();
        Assert.Equal(0, stats[1]);
        Assert.Equal(0, stats[2]);
    }

    [Fact]
    public async Task An_interleaving_timer_still_never_overlaps_itself()
    {
        var grain = silo.Grains.GetGrain<ITimerProbeGrain>("timer-interleave");
        await grain.Start(periodMs: 1, tickMs: 20, interleave: true);
        await Eventually.UntilAsync(async () => (await grain.Stats())[0] >= 5);
        Assert.Equal(0, (await grain.Stats())[1]);
    }

    [Fact]
    public async Task State_written_by_one_activation_is_read_by_the_next()
    {
        var grain = silo.Grains.GetGrain<ITurnProbeGrain>("persist");
        Assert.Equal(1, await grain.Increment());
        Assert.Equal(2, await grain.Increment());
        var first = await grain.ActivationId();
        await grain.Deactivate();
        await Eventually.UntilAsync(async () => await grain.ActivationId() != first);
        Assert.Equal(3, await grain.Increment());
    }

    [Fact]
    public async Task A_grain_exception_reaches_the_caller_and_the_grain_keeps_working()
    {
        var grain = silo.Grains.GetGrain<ITurnProbeGrain>("throws");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Fail());
        Assert.Equal("grain says no", error.Message);
        Assert.Equal(1, await grain.Increment());
    }

    [Fact]
    public async Task Idle_activations_are_collected_after_their_collection_age()
    {
        var key = "idle-" + Guid.NewGuid().ToString("N");
        await silo.Grains.GetGrain<ILifecycleGrain>(key).Hello("x");
        await Eventually.UntilAsync(() => Task.FromResult(LifecycleGrain.Deactivations.Any(d => d.Key == key && d.Reason == DeactivationReasonCode.ActivationIdle)));
    }

    [Fact]
    public async Task A_keep_alive_timer_keeps_an_idle_activation_and_a_plain_timer_does_not()
    {
        var kept = "kept-" + Guid.NewGuid().ToString("N");
        var dropped = "dropped-" + Guid.NewGuid().ToString("N");
        await silo.Grains.GetGrain<IKeepAliveGrain>(kept).Start(keepAlive: true);
        await silo.Grains.GetGrain<IKeepAliveGrain>(dropped).Start(keepAlive: false);

        await Eventually.UntilAsync(() => Task.FromResult(KeepAliveGrain.Deactivated.Contains(dropped)));
        await Task.Delay(1500); // well past the 1 s age, several collection rounds
        Assert.DoesNotContain(kept, KeepAliveGrain.Deactivated);
    }

    [Fact]
    public async Task Disposing_the_keep_alive_timer_lets_the_activation_be_collected()
    {
        var key = "released-" + Guid.NewGuid().ToString("N");
        var grain = silo.Grains.GetGrain<IKeepAliveGrain>(key);
        await grain.Start(keepAlive: true);
        await Task.Delay(1500);
        Assert.DoesNotContain(key, KeepAliveGrain.Deactivated);

        await grain.StopTimer();
        await Eventually.UntilAsync(() => Task.FromResult(KeepAliveGrain.Deactivated.Contains(key)));
    }

    [Fact]
    public async Task Stopping_the_silo_deactivates_its_grains()
    {
        var key = "stop-" + Guid.NewGuid().ToString("N");
        var own = await InProcessSilo.StartLocalAsync();
        await own.Grains.GetGrain<ILifecycleGrain>(key).Hello("x");
        await own.DisposeAsync();
        Assert.Contains(LifecycleGrain.Deactivations, d => d.Key == key && d.Reason == DeactivationReasonCode.ShuttingDown);
    }
}
