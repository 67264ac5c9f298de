namespace OpenClaw.Grains.Sync;

/// <summary>
/// A window of <c>update_time</c> being fetched: <c>From ≤ update_time &lt; To</c> (UTC), and the page token to resume
/// with (null = first page). Checkpointed after every page, so a crash repeats at most the page in flight.
/// </summary>
[GenerateSerializer, Immutable, Alias("OpenClaw.SyncWindow")]
public sealed record SyncWindow(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] DateTimeOffset To,
    [property: Id(2)] string? PageToken = null,
    [property: Id(3)] int Pages = 0);

/// <summary>One domain's persisted cursor (part of <see cref="ShopSyncState"/>). Mutated only through <see cref="SyncCursor"/>.</summary>
[GenerateSerializer, Alias("OpenClaw.SyncCursorState")]
public sealed class SyncCursorState
{
    /// <summary>Incremental sync covers <c>update_time ≥</c> this instant (set when the shop connects); backfill covers what is before it.</summary>
    [Id(0)] public DateTimeOffset? IncrementalStart { get; set; }

    /// <summary>Incremental sync has stored everything changed from <see cref="IncrementalStart"/> up to this instant (starts equal to it).</summary>
    [Id(1)] public DateTimeOffset? Watermark { get; set; }

    /// <summary>The incremental window in progress.</summary>
    [Id(2)] public SyncWindow? Window { get; set; }

    /// <summary>Earliest instant of history requested; null without a backfill.</summary>
    [Id(3)] public DateTimeOffset? BackfillFrom { get; set; }

    /// <summary>History is stored from this instant up to <see cref="IncrementalStart"/>; moves back chunk by chunk.</summary>
    [Id(4)] public DateTimeOffset? BackfillDoneBackTo { get; set; }

    /// <summary>The backfill chunk in progress.</summary>
    [Id(5)] public SyncWindow? BackfillWindow { get; set; }

    /// <summary>When an incremental window last completed.</summary>
    [Id(6)] public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>When the next incremental window is due.</summary>
    [Id(7)] public DateTimeOffset? NextRunAt { get; set; }

    /// <summary>Pages fetched since connection.</summary>
    [Id(8)] public long Pages { get; set; }

    /// <summary>Entities written (new or newer) since connection.</summary>
    [Id(9)] public long Upserts { get; set; }

    /// <summary>Catalogue key and message of the last failure; null after a success.</summary>
    [Id(10)] public string? LastError { get; set; }

    /// <summary>Failures since the last success (drives the backoff).</summary>
    [Id(11)] public int ConsecutiveFailures { get; set; }

    /// <summary>For unwindowed domains (warehouses, performance): when they last ran successfully.</summary>
    [Id(12)] public DateTimeOffset? LastFullRunAt { get; set; }
}
