using System.Diagnostics;
using OpenClaw.Runtime.Invocation;
using OpenClaw.Runtime.State;
using OpenClaw.Runtime.Telemetry;
using OpenClaw.Runtime.Timers;

namespace OpenClaw.Runtime.Activation;

/// <summary>Lifecycle of an activation.</summary>
internal enum ActivationStatus
{
    Activating,
    Active,
    Deactivating,
    Deactivated,
}

/// <summary>
/// One activation of a grain: the grain instance plus its mailbox. Exactly one turn runs at a time: the caller that
/// finds the activation idle runs its call inline (no queueing, no allocation beyond the call itself); everyone else
/// waits in the mailbox, which a pump drains one turn at a time after the running turn's task completes.
/// </summary>
internal sealed partial class GrainActivation
{
    [ThreadStatic]
    private static GrainActivation? constructing;

    private readonly object gate = new();
    private Queue<Turn>? mailbox;
    private bool running = true; // the activation turn owns the activation until it is Active
    private DeactivationReason? deactivationReason;
    private TaskCompletionSource? deactivated;
    private GrainTimers? timers;
    private Grain? grain;
    private long lastActivity = Environment.TickCount64;

    public GrainActivation(SiloRuntime runtime, GrainId grainId, GrainClass grainClass, int shard)
    {
        Runtime = runtime;
        GrainId = grainId;
        GrainClass = grainClass;
        Shard = shard;
    }

    /// <summary>The activation whose grain constructor is running on this thread (read by <see cref="Grain"/>).</summary>
    public static GrainActivation? Constructing => constructing;

    public SiloRuntime Runtime { get; }

    public GrainId GrainId { get; }

    public GrainClass GrainClass { get; }

    public int Shard { get; }

    public ActivationStatus Status { get; private set; } = ActivationStatus.Activating;

    public Grain Grain => grain ?? throw new InvalidOperationException("The grain is not constructed yet.");

    public GrainTimers Timers => timers ??= new GrainTimers(this);

    /// <summary>Milliseconds (monotonic) of the last call or keep-alive tick.</summary>
    public long LastActivity => Volatile.Read(ref lastActivity);

    public void Touch() => Volatile.Write(ref lastActivity, Environment.TickCount64);

    /// <summary>Starts activation on the thread pool; calls queue until it is done.</summary>
    public void Start() => ThreadPool.UnsafeQueueUserWorkItem(static a => _ = a.ActivateAndPumpAsync(), this, preferLocal: false);

    /// <summary>Delivers a call; null when the activation has ended and the caller must look up again.</summary>
    public Task<T>? TryInvoke<T>(GrainReference reference, GrainMethod<T> method, object?[] args)
    {
        Touch();
        lock (gate)
        {
            if (Status == ActivationStatus.Deactivated)
            {
                return null;
            }

            if (running || Status != ActivationStatus.Active || deactivationReason is not null)
            {
                var turn = new CallTurn<T>(reference, method, args);
                Enqueue(turn);
                return turn.Task;
            }

            running = true;
        }

        // Fast path: this caller owns the turn.
        var started = RuntimeTelemetry.TurnDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        var task = ExecuteAsync(method, args);
        if (task.IsCompleted)
        {
            EndInlineTurn(started);
            return task;
        }

        return AwaitInlineTurnAsync(task, started);
    }

    /// <summary>Runs a callback (timer tick or reminder) as a turn of its own.</summary>
    public Task RunCallbackTurnAsync(Func<CancellationToken, Task> callback, CancellationToken cancellationToken)
    {
        var turn = new CallbackTurn(callback, cancellationToken);
        bool startPump;
        lock (gate)
        {
            if (Status is ActivationStatus.Deactivated or ActivationStatus.Deactivating)
            {
                return Task.FromCanceled(new CancellationToken(canceled: true));
            }

            Enqueue(turn);
            startPump = !running;
            running = true;
        }

        if (startPump)
        {
            SchedulePump();
        }

        return turn.Task;
    }

    /// <summary>Asks the activation to deactivate after the running turn; completes when it is gone.</summary>
    public Task RequestDeactivation(DeactivationReason reason)
    {
        bool startPump;
        lock (gate)
        {
            deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Status == ActivationStatus.Deactivated)
            {
                deactivated.TrySetResult();
                return deactivated.Task;
            }

            deactivationReason ??= reason;
            startPump = !running;
            running = true;
        }

        if (startPump)
        {
            SchedulePump();
        }

        return deactivated.Task;
    }

    /// <summary>Whether the activation has been idle (no turn, nothing queued, no keep-alive timer) for at least <paramref name="age"/>.</summary>
    public bool IsIdleFor(TimeSpan age, long now)
    {
        lock (gate)
        {
            return !running && Status == ActivationStatus.Active && (mailbox is null || mailbox.Count == 0)
                && now - LastActivity >= (long)age.TotalMilliseconds
                && timers?.KeepActivationAlive != true;
        }
    }

    /// <summary>A write found a newer etag: another activation exists somewhere, so this one steps aside.</summary>
    public void OnStateConflict(InconsistentStateException exception) =>
        _ = RequestDeactivation(new DeactivationReason(DeactivationReasonCode.IncompatibleRequest, "state etag conflict"));

    /// <summary>Runs the grain method, through the call filters when any are registered.</summary>
    public Task<T> ExecuteAsync<T>(GrainMethod<T> method, object?[] args)
    {
        RuntimeTelemetry.Calls.Add(1);
        return Runtime.Filters.Length == 0 ? method.Invoke(Grain, args) : InvokeFilteredAsync(method, args);
    }

    private async Task<T> InvokeFilteredAsync<T>(GrainMethod<T> method, object?[] args)
    {
        var context = new IncomingCallContext(this, method, args, Runtime.Filters);
        await context.Invoke().ConfigureAwait(false);
        return (T)context.Result!;
    }

    private void Enqueue(Turn turn)
    {
        (mailbox ??= new Queue<Turn>()).Enqueue(turn);
        RuntimeTelemetry.MailboxDepth.Add(1);
    }

    private async Task<T> AwaitInlineTurnAsync<T>(Task<T> task, long started)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        finally
        {
            EndInlineTurn(started);
        }
    }

    private void EndInlineTurn(long started)
    {
        if (started != 0)
        {
            RuntimeTelemetry.TurnDuration.Record(RuntimeTelemetry.SecondsSince(started));
        }

        lock (gate)
        {
            if ((mailbox is null || mailbox.Count == 0) && deactivationReason is null)
            {
                running = false;
                return;
            }
        }

        SchedulePump();
    }

    private void SchedulePump() => ThreadPool.UnsafeQueueUserWorkItem(static a => _ = a.PumpAsync(), this, preferLocal: false);

    private static void EndConstruction() => constructing = null;

    private static void BeginConstruction(GrainActivation activation) => constructing = activation;
}
