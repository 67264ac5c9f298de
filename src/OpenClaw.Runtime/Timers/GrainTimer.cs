using OpenClaw.Runtime.Activation;

namespace OpenClaw.Runtime.Timers;

/// <summary>
/// A timer owned by an activation. One loop per timer: wait, run the tick (as a turn unless interleaving), wait for it
/// to finish, then wait the period again — so a tick never overlaps itself.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly GrainActivation activation;
    private readonly Func<CancellationToken, Task> callback;
    private readonly GrainTimerCreationOptions options;
    private readonly object gate = new();
    private CancellationTokenSource? loop;
    private Task running = Task.CompletedTask;
    private bool disposed;

    public GrainTimer(GrainActivation activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        this.activation = activation;
        this.callback = callback;
        this.options = options;
        Change(options.DueTime, options.Period);
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            loop?.Cancel();
            loop?.Dispose();
            loop = new CancellationTokenSource();
            var previous = running;
            var token = loop.Token;
            running = Task.Run(() => RunAsync(previous, dueTime, period, token), CancellationToken.None);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            loop?.Cancel();
            loop?.Dispose();
            loop = null;
        }

        activation.Timers.Remove(this);
    }

    /// <summary>
    /// Whether this timer holds its activation against idle collection: a keep-alive timer with a tick still to come.
    /// Checked by the collector rather than inferred from tick times, so a starved thread pool cannot drop the grain.
    /// </summary>
    public bool KeepsActivationAlive
    {
        get
        {
            lock (gate)
            {
                // The loop ends once a one-shot timer has fired or an infinite due time was set.
                return options.KeepAlive && !disposed && !running.IsCompleted;
            }
        }
    }

    private async Task RunAsync(Task previous, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken)
    {
        // A tick started by the loop that Change replaced must finish first: ticks never overlap.
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var wait = dueTime;
        while (wait != Timeout.InfiniteTimeSpan)
        {
            try
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (options.KeepAlive)
            {
                activation.Touch();
            }

            try
            {
                var tick = options.Interleave ? callback(cancellationToken) : activation.RunCallbackTurnAsync(callback, cancellationToken);
                await tick.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || activation.Status >= ActivationStatus.Deactivating)
            {
                return;
            }
            catch (Exception ex)
            {
                // Orleans logs and keeps ticking; a faulty tick must not kill the timer.
                activation.Runtime.Log.TimerTickFailed(ex, activation.GrainId.Type);
            }

            wait = period;
        }
    }
}

/// <summary>The timers of one activation, disposed when it deactivates.</summary>
internal sealed class GrainTimers(GrainActivation activation)
{
    private readonly List<GrainTimer> timers = [];

    public IGrainTimer Register(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        if (activation.Status >= ActivationStatus.Deactivating)
        {
            throw new InvalidOperationException("Cannot register a timer on a deactivating grain.");
        }

        var timer = new GrainTimer(activation, callback, options);
        lock (timers)
        {
            timers.Add(timer);
        }

        return timer;
    }

    /// <summary>Whether any keep-alive timer still has a tick to come.</summary>
    public bool KeepActivationAlive
    {
        get
        {
            lock (timers)
            {
                return timers.Exists(t => t.KeepsActivationAlive);
            }
        }
    }

    public void Remove(GrainTimer timer)
    {
        lock (timers)
        {
            timers.Remove(timer);
        }
    }

    public void DisposeAll()
    {
        GrainTimer[] all;
        lock (timers)
        {
            all = [.. timers];
        }

        foreach (var timer in all)
        {
            timer.Dispose();
        }
    }
}
