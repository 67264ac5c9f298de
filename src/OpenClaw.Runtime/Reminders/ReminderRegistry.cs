using OpenClaw.Runtime.Hosting;

namespace OpenClaw.Runtime.Reminders;

/// <summary>Registration side of reminders, used by <see cref="Grain"/>.</summary>
internal sealed class ReminderRegistry(IReminderTable table, OpenClawRuntimeOptions options, TimeProvider clock)
{
    public IReminderTable Table => table;

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        if (period < options.MinimumReminderPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"Reminder period must be at least {options.MinimumReminderPeriod}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        var first = clock.GetUtcNow().UtcDateTime + dueTime;
        var entry = new ReminderEntry(grainId, reminderName, first, first, period);
        await table.UpsertAsync(entry).ConfigureAwait(false);
        return entry;
    }

    public Task UnregisterAsync(GrainId grainId, string reminderName) => table.RemoveAsync(grainId, reminderName);

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string reminderName) =>
        await table.GetAsync(grainId, reminderName).ConfigureAwait(false);

    public async Task<IReadOnlyList<IGrainReminder>> ListAsync(GrainId grainId) =>
        await table.ListAsync(grainId).ConfigureAwait(false);
}
