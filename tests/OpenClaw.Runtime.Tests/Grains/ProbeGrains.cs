namespace OpenClaw.Runtime.Tests.Grains;

public sealed class CounterState
{
    public int Count { get; set; }
}

public interface ITurnProbeGrain : IGrainWithStringKey
{
    /// <summary>Enters a turn, awaits <paramref name="delayMs"/> in the middle, and leaves; returns the turns seen overlapping.</summary>
    Task<int> Enter(int delayMs);

    ValueTask<int> Overlaps();

    Task<int> Increment();

    ValueTask Reset();

    Task<string> ActivationId();

    Task Deactivate();

    Task<int> Fail();
}

/// <summary>Records any overlap between its turns.</summary>
public sealed class TurnProbeGrain([PersistentState("counter")] IPersistentState<CounterState> counter) : Grain, ITurnProbeGrain
{
    private readonly string activationId = Guid.NewGuid().ToString("N");
    private int inTurn;
    private int overlaps;

    public async Task<int> Enter(int delayMs)
    {
        if (Interlocked.Increment(ref inTurn) > 1)
        {
            Interlocked.Increment(ref overlaps);
        }

        await Task.Delay(delayMs);
        Interlocked.Decrement(ref inTurn);
        return overlaps;
    }

    public ValueTask<int> Overlaps() => ValueTask.FromResult(overlaps);

    public async Task<int> Increment()
    {
        counter.State.Count++;
        await counter.WriteStateAsync();
        return counter.State.Count;
    }

    public ValueTask Reset()
    {
        overlaps = 0;
        return ValueTask.CompletedTask;
    }

    public Task<string> ActivationId() => Task.FromResult(activationId);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<int> Fail() => throw new InvalidOperationException("grain says no");
}

public interface ITimerProbeGrain : IGrainWithStringKey
{
    Task Start(int periodMs, int tickMs, bool interleave);

    Task<int[]> Stats();

    Task<int> Work(int delayMs);
}

/// <summary>A timer whose tick takes longer than its period; counts self-overlaps and overlaps with calls.</summary>
public sealed class TimerProbeGrain : Grain, ITimerProbeGrain
{
    private int ticks;
    private int inTick;
    private int inCall;
    private int selfOverlaps;
    private int callOverlaps;

    public Task Start(int periodMs, int tickMs, bool interleave)
    {
        RegisterGrainTimer(
            async _ =>
            {
                if (Interlocked.Increment(ref inTick) > 1)
                {
                    Interlocked.Increment(ref selfOverlaps);
                }

                if (Volatile.Read(ref inCall) > 0)
                {
                    Interlocked.Increment(ref callOverlaps);
                }

                await Task.Delay(tickMs, CancellationToken.None);
                Interlocked.Increment(ref ticks);
                Interlocked.Decrement(ref inTick);
            },
            new GrainTimerCreationOptions(TimeSpan.FromMilliseconds(periodMs), TimeSpan.FromMilliseconds(periodMs)) { Interleave = interleave });
        return Task.CompletedTask;
    }

    public Task<int[]> Stats() => Task.FromResult(new[] { ticks, selfOverlaps, callOverlaps });

    public async Task<int> Work(int delayMs)
    {
        Interlocked.Increment(ref inCall);
        if (Volatile.Read(ref inTick) > 0)
        {
            Interlocked.Increment(ref callOverlaps);
        }

        await Task.Delay(delayMs);
        Interlocked.Decrement(ref inCall);
        return callOverlaps;
    }
}

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<string> Hello(string name);
}

/// <summary>Counts activations and deactivations (with reasons) process-wide.</summary>
[CollectionAgeLimit(Seconds = 1)]
public sealed class LifecycleGrain : Grain, ILifecycleGrain
{
    public static readonly System.Collections.Concurrent.ConcurrentQueue<(string Key, DeactivationReasonCode Reason)> Deactivations = new();

    private static int activations;

    public static int Activations => Volatile.Read(ref activations);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref activations);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Deactivations.Enqueue((GrainKey, reason.ReasonCode));
        return Task.CompletedTask;
    }

    public Task<string> Hello(string name) => Task.FromResult($"hello {name} from {this.GetPrimaryKeyString()}");
}

public interface IWatchedGrain : IGrainWithStringKey
{
    Task<string> Hello(string name);
}

/// <summary>Like <see cref="LifecycleGrain"/> but with the default (15 minute) collection age.</summary>
public sealed class WatchedGrain : Grain, IWatchedGrain
{
    public static readonly System.Collections.Concurrent.ConcurrentQueue<(string Key, DeactivationReasonCode Reason)> Deactivations = new();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Deactivations.Enqueue((GrainKey, reason.ReasonCode));
        return Task.CompletedTask;
    }

    public Task<string> Hello(string name) => Task.FromResult($"hello {name} from {GrainKey}");
}

public interface IKeepAliveGrain : IGrainWithStringKey
{
    Task Start(bool keepAlive);

    Task StopTimer();
}

/// <summary>A grain with a 1 s collection age and a fast timer that may or may not keep it alive.</summary>
[CollectionAgeLimit(Seconds = 1)]
public sealed class KeepAliveGrain : Grain, IKeepAliveGrain
{
    public static readonly System.Collections.Concurrent.ConcurrentQueue<string> Deactivated = new();

    private IGrainTimer? timer;

    public Task Start(bool keepAlive)
    {
        timer = RegisterGrainTimer(_ => Task.CompletedTask, new GrainTimerCreationOptions(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50)) { KeepAlive = keepAlive });
        return Task.CompletedTask;
    }

    public Task StopTimer()
    {
        timer?.Dispose();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Deactivated.Enqueue(GrainKey);
        return Task.CompletedTask;
    }
}
