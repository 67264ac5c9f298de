using System.Collections.Concurrent;
using OpenClaw.Runtime.Activation;

namespace OpenClaw.Runtime.Reminders;

/// <summary>
/// Fires due reminders of the shards this silo serves, as turns of their grains. A reminder moves to its next due
/// time only after its tick ran (successfully or not), so a silo dying mid-tick means the tick runs again elsewhere.
/// </summary>
internal sealed class ReminderService(SiloRuntime silo, TimeProvider clock)
{
    private const int BatchSize = 512;
    private readonly ConcurrentDictionary<(GrainId, string), byte> firing = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(silo.Options.ReminderPollInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var due = await silo.Reminders.Table.DueAsync(clock.GetUtcNow().UtcDateTime, BatchSize).ConfigureAwait(false);
                foreach (var entry in due)
                {
                    if (firing.TryAdd((entry.GrainId, entry.ReminderName), 0))
                    {
                        _ = FireAsync(entry);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                silo.Log.ClusterRoundFailed(ex);
            }
        }
    }

    private async Task FireAsync(ReminderEntry entry)
    {
        try
        {
            var activation = silo.ActivationFor(entry.GrainId);
            if (activation is null)
            {
                return; // Not our shard (or not our grain type): its owner fires it.
            }

            var status = new TickStatus(entry.FirstTick, entry.Period, entry.NextDue);
            try
            {
                await activation.RunCallbackTurnAsync(
                    _ => ((IRemindable)activation.Grain).ReceiveReminder(entry.ReminderName, status),
                    CancellationToken.None).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // Deactivated before the tick ran: the next poll fires it again.
            }
            catch (Exception ex)
            {
                silo.Log.ReminderFailed(ex, entry.GrainId.Type, entry.ReminderName);
            }

            await silo.Reminders.Table.AdvanceAsync(entry, entry.NextAfter(clock.GetUtcNow().UtcDateTime)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            silo.Log.ReminderFailed(ex, entry.GrainId.Type, entry.ReminderName);
        }
        finally
        {
            firing.TryRemove((entry.GrainId, entry.ReminderName), out _);
        }
    }
}
