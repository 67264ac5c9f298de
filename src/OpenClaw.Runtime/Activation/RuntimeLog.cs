using Microsoft.Extensions.Logging;

namespace OpenClaw.Runtime.Activation;

/// <summary>The runtime's log messages (grain keys are not logged: they may identify a seller).</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1, LogLevel.Error, "Activation of a {GrainType} grain failed")]
    public static partial void ActivationFailed(this ILogger logger, Exception exception, string grainType);

    [LoggerMessage(2, LogLevel.Warning, "OnDeactivateAsync of a {GrainType} grain failed ({Reason})")]
    public static partial void DeactivationFailed(this ILogger logger, Exception exception, string grainType, DeactivationReasonCode reason);

    [LoggerMessage(3, LogLevel.Warning, "A timer tick of a {GrainType} grain failed")]
    public static partial void TimerTickFailed(this ILogger logger, Exception exception, string grainType);

    [LoggerMessage(4, LogLevel.Warning, "Reminder {ReminderName} of a {GrainType} grain failed")]
    public static partial void ReminderFailed(this ILogger logger, Exception exception, string grainType, string reminderName);

    [LoggerMessage(5, LogLevel.Information, "Silo {SiloId} acquired {Count} shards (epochs advanced)")]
    public static partial void ShardsAcquired(this ILogger logger, string siloId, int count);

    [LoggerMessage(6, LogLevel.Information, "Silo {SiloId} released {Count} shards ({Why})")]
    public static partial void ShardsReleased(this ILogger logger, string siloId, int count, string why);

    [LoggerMessage(7, LogLevel.Warning, "Silo {SiloId} lost {Count} shard leases; their activations are deactivated")]
    public static partial void ShardsLost(this ILogger logger, string siloId, int count);

    [LoggerMessage(8, LogLevel.Warning, "Cluster maintenance round failed; retrying")]
    public static partial void ClusterRoundFailed(this ILogger logger, Exception exception);

    [LoggerMessage(9, LogLevel.Information, "Silo {SiloId} stopped: {Activations} activations deactivated and shards released in {ElapsedMs} ms")]
    public static partial void SiloStopped(this ILogger logger, string siloId, int activations, long elapsedMs);
}
