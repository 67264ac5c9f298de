namespace OpenClaw.Grains.Sync;

/// <summary>A webhook-triggered fetch of one entity, queued ahead of all other work (issue 9).</summary>
/// <param name="Domain">Orders, Returns, Cancellations or Products.</param>
/// <param name="Id">Order id (orders, returns, cancellations are fetched by order) or product id.</param>
/// <param name="QueuedAt">When the webhook arrived (UTC).</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.TargetedFetch")]
public sealed record TargetedFetch(
    [property: Id(0)] SyncDomain Domain,
    [property: Id(1)] string Id,
    [property: Id(2)] DateTimeOffset QueuedAt);

/// <summary>
/// The shop grain's sync state, persisted as storage name <c>sync</c> apart from the registration (<c>shop</c>) and the
/// tokens (<c>tokens</c>), so a page checkpoint never rewrites either.
/// </summary>
[GenerateSerializer, Alias("OpenClaw.ShopSyncState")]
public sealed class ShopSyncState
{
    /// <summary>Most targeted fetches kept; older ones are dropped (the next incremental window finds the change anyway).</summary>
    public const int MaxTargeted = 500;

    /// <summary>One cursor per domain.</summary>
    [Id(0)] public Dictionary<SyncDomain, SyncCursorState> Cursors { get; set; } = [];

    /// <summary>Webhook-triggered fetches waiting, oldest first.</summary>
    [Id(1)] public List<TargetedFetch> Targeted { get; set; } = [];

    /// <summary>The UTC day <see cref="CallsToday"/> counts.</summary>
    [Id(2)] public DateOnly CallsDay { get; set; }

    /// <summary>TikTok API calls this shop made on <see cref="CallsDay"/>.</summary>
    [Id(3)] public long CallsToday { get; set; }

    /// <summary>The cursor state of <paramref name="domain"/>, created empty when missing.</summary>
    public SyncCursorState CursorOf(SyncDomain domain)
    {
        if (!Cursors.TryGetValue(domain, out var cursor))
        {
            cursor = new SyncCursorState();
            Cursors[domain] = cursor;
        }

        return cursor;
    }

    /// <summary>Counts <paramref name="calls"/> on the UTC day of <paramref name="now"/>.</summary>
    public void CountCalls(int calls, DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        if (day != CallsDay)
        {
            CallsDay = day;
            CallsToday = 0;
        }

        CallsToday += calls;
    }
}
