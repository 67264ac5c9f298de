namespace OpenClaw.Runtime.Reminders;

/// <summary>A durable reminder: which grain, which name, when it is next due, how often.</summary>
internal sealed record ReminderEntry(GrainId GrainId, string ReminderName, DateTime FirstTick, DateTime NextDue, TimeSpan Period) : IGrainReminder
{
    /// <summary>The first due time after <paramref name="now"/> on this reminder's schedule.</summary>
    public DateTime NextAfter(DateTime now)
    {
        if (NextDue > now)
        {
            return NextDue;
        }

        var missed = (now - NextDue).Ticks / Period.Ticks + 1;
        return NextDue + TimeSpan.FromTicks(Period.Ticks * missed);
    }
}

/// <summary>Durable reminder storage.</summary>
internal interface IReminderTable
{
    Task UpsertAsync(ReminderEntry entry);

    Task RemoveAsync(GrainId grainId, string reminderName);

    Task<ReminderEntry?> GetAsync(GrainId grainId, string reminderName);

    Task<IReadOnlyList<ReminderEntry>> ListAsync(GrainId grainId);

    /// <summary>Reminders due at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<ReminderEntry>> DueAsync(DateTime now, int limit);

    /// <summary>Moves a fired reminder to its next due time, unless it was changed or removed meanwhile.</summary>
    Task AdvanceAsync(ReminderEntry fired, DateTime nextDue);
}
