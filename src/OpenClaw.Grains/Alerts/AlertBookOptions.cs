namespace OpenClaw.Grains.Alerts;

/// <summary>Bounds and lifetimes of an <see cref="AlertBook"/>.</summary>
public sealed class AlertBookOptions
{
    /// <summary>How long a one-shot event (policy violation, listing rejected or deactivated) stays firing. Default 24 h.</summary>
    public TimeSpan OneShotEventLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Resolved alerts older than this are dropped from the state. Default 7 days.</summary>
    public TimeSpan ResolvedRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most records kept per shop; the oldest resolved go first. Default 500.</summary>
    public int MaxRecords { get; set; } = 500;

    /// <summary>Most audit entries kept per alert (oldest dropped). Default 50.</summary>
    public int MaxAuditEntries { get; set; } = 50;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for unusable values.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(OneShotEventLifetime, TimeSpan.Zero, nameof(OneShotEventLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThan(ResolvedRetention, TimeSpan.Zero, nameof(ResolvedRetention));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRecords, 1, nameof(MaxRecords));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAuditEntries, 1, nameof(MaxAuditEntries));
    }
}
