namespace OpenClaw.Runtime.TestSilo;

/// <summary>Counts reminder ticks in state.</summary>
public sealed class ReminderCount
{
    public int Ticks { get; set; }
}

/// <summary>A grain with a durable reminder.</summary>
public interface IReminderGrain : IGrainWithStringKey
{
    /// <summary>Registers the "beat" reminder with the given period.</summary>
    Task Register(TimeSpan period);

    /// <summary>Ticks counted so far.</summary>
    Task<int> Ticks();
}

/// <summary>Counts "beat" reminder ticks (idempotent enough for at-least-once delivery: it only counts).</summary>
public sealed class ReminderGrain([PersistentState("reminders")] IPersistentState<ReminderCount> state) : Grain, IReminderGrain, IRemindable
{
    public Task Register(TimeSpan period) => RegisterOrUpdateReminder("beat", period, period);

    public Task<int> Ticks() => Task.FromResult(state.State.Ticks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
    }
}
