namespace OpenClaw.Runtime.TestSilo;

/// <summary>State of <see cref="BufferedGrain"/>.</summary>
public sealed class BufferedTotal
{
    public int Total { get; set; }
}

/// <summary>A grain that keeps its total in memory and writes it only when it deactivates.</summary>
public interface IBufferedGrain : IGrainWithStringKey
{
    Task Add(int amount);

    Task<int> Total();
}

/// <summary>Relies on the graceful shutdown flush: <see cref="OnDeactivateAsync"/> is its only write.</summary>
public sealed class BufferedGrain([PersistentState("buffered")] IPersistentState<BufferedTotal> state) : Grain, IBufferedGrain
{
    public Task Add(int amount)
    {
        state.State.Total += amount;
        return Task.CompletedTask;
    }

    public Task<int> Total() => Task.FromResult(state.State.Total);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        state.WriteStateAsync(cancellationToken);
}
