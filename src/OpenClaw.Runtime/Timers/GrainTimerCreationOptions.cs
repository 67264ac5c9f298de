namespace OpenClaw.Runtime;

/// <summary>How a grain timer ticks (Orleans' <c>GrainTimerCreationOptions</c>).</summary>
public readonly record struct GrainTimerCreationOptions
{
    /// <summary>Creates options with a due time and period.</summary>
    public GrainTimerCreationOptions(TimeSpan dueTime, TimeSpan period)
    {
        DueTime = dueTime;
        Period = period;
    }

    /// <summary>Delay before the first tick; <see cref="Timeout.InfiniteTimeSpan"/> never ticks.</summary>
    public TimeSpan DueTime { get; init; }

    /// <summary>Delay between the end of one tick and the start of the next; infinite ticks once.</summary>
    public TimeSpan Period { get; init; }

    /// <summary>
    /// When true a tick does not wait for the grain's turn and may run concurrently with calls (still never with itself);
    /// the callback must then be thread-safe. Default false: ticks are turns like calls.
    /// </summary>
    public bool Interleave { get; init; }

    /// <summary>When true the activation is not collected as idle while this timer has a tick to come.</summary>
    public bool KeepAlive { get; init; }
}

/// <summary>A grain timer; dispose it to stop ticking.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes the due time and period; the next tick is scheduled from now.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
