using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenClaw.Runtime.State;
using OpenClaw.Runtime.Telemetry;

namespace OpenClaw.Runtime.Activation;

/// <content>Activation, the mailbox pump and deactivation.</content>
internal sealed partial class GrainActivation
{
    private async Task ActivateAndPumpAsync()
    {
        Exception? failure = null;
        using (var span = RuntimeTelemetry.Source.StartActivity("activate " + GrainId.Type, ActivityKind.Internal))
        {
            span?.SetTag("openclaw.grain.type", GrainId.Type);
            try
            {
                if (!Runtime.Ownership.IsServing(Shard))
                {
                    // The shard moved between lookup and activation: queued calls are routed again.
                    lock (gate)
                    {
                        Status = ActivationStatus.Deactivating;
                    }

                    await FinishDeactivationAsync(activationFailure: null).ConfigureAwait(false);
                    return;
                }

                var states = new List<IPersistentStateLoader>();
                BeginConstruction(this);
                try
                {
                    grain = GrainClass.Create(this, states);
                }
                finally
                {
                    EndConstruction();
                }

                using var timeout = new CancellationTokenSource(Runtime.Options.ActivationTimeout);
                foreach (var state in states)
                {
                    await state.LoadAsync(timeout.Token).ConfigureAwait(false);
                }

                await grain.OnActivateAsync(timeout.Token).ConfigureAwait(false);
                RuntimeTelemetry.Activations.Add(1);
            }
            catch (Exception ex)
            {
                span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                Runtime.Log.ActivationFailed(ex, GrainId.Type);
                failure = ex;
            }
        }

        if (failure is not null)
        {
            lock (gate)
            {
                Status = ActivationStatus.Deactivating;
            }

            await FinishDeactivationAsync(failure).ConfigureAwait(false);
            return;
        }

        lock (gate)
        {
            Status = ActivationStatus.Active;
        }

        await PumpAsync().ConfigureAwait(false);
    }

    /// <summary>Runs queued turns one after another while this activation owns the turn.</summary>
    private async Task PumpAsync()
    {
        while (true)
        {
            Turn? next;
            DeactivationReason? reason = null;
            lock (gate)
            {
                if (deactivationReason is { } requested && Status == ActivationStatus.Active)
                {
                    Status = ActivationStatus.Deactivating;
                    reason = requested;
                    next = null;
                }
                else if (mailbox is { Count: > 0 })
                {
                    next = mailbox.Dequeue();
                }
                else
                {
                    running = false;
                    return;
                }
            }

            if (reason is { } r)
            {
                await DeactivateAsync(r).ConfigureAwait(false);
                return;
            }

            RuntimeTelemetry.MailboxDepth.Add(-1);
            var started = RuntimeTelemetry.TurnDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
            await next!.RunAsync(this).ConfigureAwait(false);
            if (started != 0)
            {
                RuntimeTelemetry.TurnDuration.Record(RuntimeTelemetry.SecondsSince(started));
            }
        }
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        using var span = RuntimeTelemetry.Source.StartActivity("deactivate " + GrainId.Type, ActivityKind.Internal);
        span?.SetTag("openclaw.grain.type", GrainId.Type);
        span?.SetTag("openclaw.deactivation.reason", reason.ReasonCode.ToString());
        timers?.DisposeAll();
        try
        {
            using var timeout = new CancellationTokenSource(Runtime.Options.DeactivationTimeout);
            await Grain.OnDeactivateAsync(reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A failed flush must not keep the activation (and its shard) alive; the next activation re-reads state.
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            Runtime.Log.DeactivationFailed(ex, GrainId.Type, reason.ReasonCode);
        }

        RuntimeTelemetry.Activations.Add(-1);
        await FinishDeactivationAsync(activationFailure: null).ConfigureAwait(false);
    }

    /// <summary>Leaves the catalog, then hands every queued turn back to its caller (re-routed, or failed).</summary>
    private Task FinishDeactivationAsync(Exception? activationFailure)
    {
        timers?.DisposeAll();
        Runtime.Catalog.Remove(this);
        List<Turn> leftovers;
        TaskCompletionSource? done;
        lock (gate)
        {
            Status = ActivationStatus.Deactivated;
            running = false;
            leftovers = mailbox is { Count: > 0 } ? [.. mailbox] : [];
            mailbox?.Clear();
            done = deactivated;
        }

        RuntimeTelemetry.MailboxDepth.Add(-leftovers.Count);
        foreach (var turn in leftovers)
        {
            turn.Abandon(activationFailure);
        }

        done?.TrySetResult();
        return Task.CompletedTask;
    }
}
