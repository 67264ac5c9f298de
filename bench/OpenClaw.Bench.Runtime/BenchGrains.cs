using OpenClaw.Runtime;

namespace OpenClaw.Bench.Runtime;

public interface IPingGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task Touch();
}

/// <summary>The smallest useful grain: a counter in memory.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    private int count;

    public Task<int> Increment() => Task.FromResult(++count);

    public Task Touch() => Task.CompletedTask;
}
