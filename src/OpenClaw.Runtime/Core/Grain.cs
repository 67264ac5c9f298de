using OpenClaw.Runtime.Activation;
using OpenClaw.Runtime.Reminders;
using OpenClaw.Runtime.Timers;

namespace OpenClaw.Runtime;

/// <summary>
/// Base class of grain implementations. One activation per grain id runs one turn at a time; the runtime creates it
/// on the first call, runs <see cref="OnActivateAsync"/> after persistent state is read, and calls
/// <see cref="OnDeactivateAsync"/> before it is collected, moved or the silo stops.
/// </summary>
public abstract class Grain : IAddressable
{
    private readonly GrainActivation activation;

    /// <summary>Binds the instance to the activation the runtime is constructing (as Orleans' ambient context).</summary>
    protected Grain()
    {
        activation = GrainActivation.Constructing
            ?? throw new InvalidOperationException("Grains are created by the runtime; use IGrainFactory.GetGrain to reach one.");
    }

    /// <summary>The grain's string key (same as <c>this.GetPrimaryKeyString()</c>).</summary>
    public string GrainKey => activation.GrainId.Key;

    /// <summary>The grain id (type and key).</summary>
    public GrainId GrainId => activation.GrainId;

    /// <summary>Factory for calling other grains.</summary>
    protected IGrainFactory GrainFactory => activation.Runtime;

    /// <summary>The silo's service provider.</summary>
    protected IServiceProvider ServiceProvider => activation.Runtime.Services;

    /// <summary>Runs once per activation, after persistent state has been read and before the first call.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once when the activation ends (idle, moved, shutting down); a good place to flush state.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current turn ends.</summary>
    protected void DeactivateOnIdle() =>
        activation.RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle"));

    /// <summary>Starts a timer whose ticks run as turns of this activation (unless interleaving) and never overlap.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return activation.Timers.Register(callback, options);
    }

    /// <summary>Starts a timer with a state argument.</summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return activation.Timers.Register(ct => callback(state, ct), options);
    }

    /// <summary>Starts a non-interleaving timer that does not keep the activation alive.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    /// <summary>Registers (or updates) a durable reminder; the grain must implement <see cref="IRemindable"/>.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        if (this is not IRemindable)
        {
            throw new InvalidOperationException($"{GetType().Name} must implement IRemindable to register reminders.");
        }

        return activation.Runtime.Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period);
    }

    /// <summary>Removes a reminder.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return activation.Runtime.Reminders.UnregisterAsync(GrainId, reminder.ReminderName);
    }

    /// <summary>Returns a reminder by name, or null.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName) => activation.Runtime.Reminders.GetAsync(GrainId, reminderName);

    /// <summary>All reminders of this grain.</summary>
    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() => activation.Runtime.Reminders.ListAsync(GrainId);
}
