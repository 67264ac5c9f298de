using System.Collections.Concurrent;

namespace OpenClaw.Runtime.Tests.Grains;

public sealed class SingleActivationState
{
    public string? ActivationId { get; set; }

    public int Concurrent { get; set; }

    public int Calls { get; set; }
}

public interface ISingleActivationGrain : IGrainWithStringKey
{
    Task<int> Touch();
}

/// <summary>
/// Proves single activation across in-process silos: activations and running turns per key are counted in
/// process-wide tables (the silos share the process), and the state records the activation id and a concurrent-turn
/// counter that must be 0 whenever a turn starts.
/// </summary>
public sealed class SingleActivationGrain([PersistentState("single")] IPersistentState<SingleActivationState> state) : Grain, ISingleActivationGrain
{
    public static readonly ConcurrentDictionary<string, int> LiveActivations = new();
    public static readonly ConcurrentDictionary<string, int> RunningTurns = new();
    private static int violations;

    public static int Violations => Volatile.Read(ref violations);

    private readonly string activationId = Guid.NewGuid().ToString("N");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (LiveActivations.AddOrUpdate(GrainKey, 1, (_, n) => n + 1) > 1)
        {
            Interlocked.Increment(ref violations);
        }

        state.State.ActivationId = activationId;
        await state.WriteStateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Flush on the way out (a shard handover): the next activation continues the count.
        await state.WriteStateAsync(cancellationToken);
        LiveActivations.AddOrUpdate(GrainKey, 0, (_, n) => n - 1);
    }

    public async Task<int> Touch()
    {
        if (RunningTurns.AddOrUpdate(GrainKey, 1, (_, n) => n + 1) > 1 || state.State.Concurrent != 0 || state.State.ActivationId != activationId)
        {
            Interlocked.Increment(ref violations);
        }

        state.State.Concurrent++;
        await Task.Yield();
        state.State.Concurrent--;
        state.State.Calls++;
        RunningTurns.AddOrUpdate(GrainKey, 0, (_, n) => n - 1);
        return state.State.Calls;
    }
}
