namespace OpenClaw.Runtime.Reminders;

/// <summary>Reminders in memory (single process without Redis; lost on restart).</summary>
internal sealed class MemoryReminderTable : IReminderTable
{
    private readonly Dictionary<(GrainId, string), ReminderEntry> entries = [];

    public Task UpsertAsync(ReminderEntry entry)
    {
        lock (entries)
        {
            entries[(entry.GrainId, entry.ReminderName)] = entry;
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(GrainId grainId, string reminderName)
    {
        lock (entries)
        {
            entries.Remove((grainId, reminderName));
        }

        return Task.CompletedTask;
    }

    public Task<ReminderEntry?> GetAsync(GrainId grainId, string reminderName)
    {
        lock (entries)
        {
            return Task.FromResult(entries.GetValueOrDefault((grainId, reminderName)));
        }
    }

    public Task<IReadOnlyList<ReminderEntry>> ListAsync(GrainId grainId)
    {
        lock (entries)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>([.. entries.Values.Where(e => e.GrainId == grainId)]);
        }
    }

    public Task<IReadOnlyList<ReminderEntry>> DueAsync(DateTime now, int limit)
    {
        lock (entries)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>([.. entries.Values.Where(e => e.NextDue <= now).OrderBy(e => e.NextDue).Take(limit)]);
        }
    }

    public Task AdvanceAsync(ReminderEntry fired, DateTime nextDue)
    {
        lock (entries)
        {
            var key = (fired.GrainId, fired.ReminderName);
            if (entries.TryGetValue(key, out var current) && current.NextDue == fired.NextDue && current.Period == fired.Period)
            {
                entries[key] = current with { NextDue = nextDue };
            }
        }

        return Task.CompletedTask;
    }
}
