namespace OpenClaw.Grains.Entities;

/// <summary>One version of an entity to upsert: its id, TikTok's <c>update_time</c> and its stored JSON.</summary>
/// <param name="Kind">An <see cref="EntityKind"/> constant.</param>
/// <param name="Id">TikTok's id (order id, return id …); for performance days the date.</param>
/// <param name="UpdateTime">TikTok's <c>update_time</c> (UTC, whole seconds on the wire); decides which version wins.</param>
/// <param name="Json">The stored projection (<see cref="StoredEntityJson"/>); no buyer data.</param>
public sealed record EntityVersion(string Kind, string Id, DateTimeOffset UpdateTime, string Json);

/// <summary>What one upsert batch did.</summary>
/// <param name="Inserted">Entities not stored before.</param>
/// <param name="Updated">Entities replaced by a newer (or same-time, different) version.</param>
/// <param name="Unchanged">The same version was already stored (a repeated page).</param>
/// <param name="Stale">An older version than the stored one arrived and was ignored.</param>
public readonly record struct UpsertResult(int Inserted, int Updated, int Unchanged, int Stale)
{
    /// <summary>Entities whose stored value changed.</summary>
    public int Written => Inserted + Updated;

    /// <summary>Adds two results.</summary>
    public static UpsertResult operator +(UpsertResult a, UpsertResult b) =>
        new(a.Inserted + b.Inserted, a.Updated + b.Updated, a.Unchanged + b.Unchanged, a.Stale + b.Stale);
}

/// <summary>A stored entity as read back.</summary>
/// <param name="Id">Entity id.</param>
/// <param name="UpdateTime">Its <c>update_time</c> (UTC).</param>
/// <param name="Json">Its stored JSON.</param>
public sealed record StoredEntity(string Id, DateTimeOffset UpdateTime, string Json);
