namespace OpenClaw.Runtime;

/// <summary>Why an activation is being deactivated (Orleans' codes where they apply).</summary>
public enum DeactivationReasonCode
{
    /// <summary>No reason given.</summary>
    None,

    /// <summary>The grain called <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,

    /// <summary>Idle longer than its collection age.</summary>
    ActivationIdle,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>The grain's shard moved to another silo (rebalancing or a lost lease).</summary>
    Migrating,

    /// <summary>A state write found a newer etag: another activation wrote since this one read.</summary>
    IncompatibleRequest,

    /// <summary>Activation failed.</summary>
    ActivationFailed,
}

/// <summary>Reason passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
/// <param name="ReasonCode">Machine-readable reason.</param>
/// <param name="Description">Human-readable description.</param>
public readonly record struct DeactivationReason(DeactivationReasonCode ReasonCode, string Description)
{
    /// <inheritdoc />
    public override string ToString() => $"{ReasonCode}: {Description}";
}
