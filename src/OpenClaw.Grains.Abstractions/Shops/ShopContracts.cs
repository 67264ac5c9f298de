using OpenClaw.Grains.Sync;

namespace OpenClaw.Grains.Shops;

/// <summary>Lifecycle status of a connected shop (issue 9: active, paused, needs re-authorization, deactivated, disconnected).</summary>
public enum ShopStatus
{
    /// <summary>No tenant has connected this shop id.</summary>
    NotConnected = 0,

    /// <summary>Connected and syncing on schedule.</summary>
    Active = 1,

    /// <summary>Connected, but an operator paused it: no scheduled TikTok calls (the token is still kept alive).</summary>
    Paused = 2,

    /// <summary>The tenant disconnected the shop; its data stays until retention removes it.</summary>
    Disconnected = 3,

    /// <summary>
    /// TikTok refused the refresh token (36004001 expired, 36004005 revoked) or the seller deauthorized the app
    /// (webhook 6): nothing syncs until the seller authorizes again (contract §3).
    /// </summary>
    NeedsReauthorization = 4,

    /// <summary>TikTok answered 36009043 (shop deactivated) or 36009044 (seller deactivated) (contract §4).</summary>
    Deactivated = 5,
}

/// <summary>What a tenant gives when it connects a shop.</summary>
/// <param name="TenantId">The agency that owns the shop (non-empty).</param>
/// <param name="ShopName">The seller's shop name as TikTok shows it (may be Chinese).</param>
/// <param name="Region">TikTok's two-letter region code, e.g. <c>US</c>, <c>GB</c>, <c>MY</c>.</param>
/// <param name="Cipher">The shop cipher from <c>/authorization/202309/shops</c> (contract §3); required to sync.</param>
/// <param name="SellerType"><c>CROSS_BORDER</c> or <c>LOCAL</c>, as the authorized-shops endpoint says; null when unknown.</param>
/// <param name="Tokens">The grant to install; null registers the shop without tokens (it is then not synced).</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.ShopRegistration")]
public sealed record ShopRegistration(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string ShopName,
    [property: Id(2)] string Region,
    [property: Id(3)] string? Cipher = null,
    [property: Id(4)] string? SellerType = null,
    [property: Id(5)] IssuedTokens? Tokens = null);

/// <summary>Operator settings of one shop.</summary>
/// <param name="TimeZone">IANA time zone the shop's day buckets use, e.g. <c>America/Los_Angeles</c>.</param>
/// <param name="Tags">Free labels used to group and filter shops (each 1–64 characters).</param>
/// <param name="Paused">True stops scheduled work for the shop.</param>
/// <param name="WarehouseNames">Operator names for TikTok warehouse ids (id → name, each name 1–64 characters); null keeps TikTok's.</param>
/// <param name="SyncIntervals">Per-domain polling interval overrides; a domain not listed uses the configured default.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.ShopSettings")]
public sealed record ShopSettings(
    [property: Id(0)] string TimeZone,
    [property: Id(1)] IReadOnlyList<string> Tags,
    [property: Id(2)] bool Paused,
    [property: Id(3)] IReadOnlyDictionary<string, string>? WarehouseNames = null,
    [property: Id(4)] IReadOnlyDictionary<SyncDomain, TimeSpan>? SyncIntervals = null)
{
    /// <summary>Equal when every value and every element of the collections is equal (not the collection instances).</summary>
    public bool Equals(ShopSettings? other) =>
        other is not null && TimeZone == other.TimeZone && Paused == other.Paused
        && (Tags ?? []).SequenceEqual(other.Tags ?? [], StringComparer.Ordinal)
        && SameEntries(WarehouseNames, other.WarehouseNames) && SameEntries(SyncIntervals, other.SyncIntervals);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TimeZone, Paused, Tags?.Count ?? 0, WarehouseNames?.Count ?? 0, SyncIntervals?.Count ?? 0);

    private static bool SameEntries<TKey, TValue>(IReadOnlyDictionary<TKey, TValue>? a, IReadOnlyDictionary<TKey, TValue>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }

        return a is null || a.All(kv => b!.TryGetValue(kv.Key, out var v) && EqualityComparer<TValue>.Default.Equals(kv.Value, v));
    }
}

/// <summary>A read-only view of a shop grain.</summary>
/// <param name="ShopId">TikTok shop id (the grain key).</param>
/// <param name="TenantId">Owning tenant; empty when not connected.</param>
/// <param name="ShopName">Shop name.</param>
/// <param name="Region">Two-letter region code.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Settings">Operator settings.</param>
/// <param name="Revision">Number of accepted registration and settings changes since the shop was first connected (reminder ticks do not count).</param>
/// <param name="ConnectedAt">When the shop was first connected (UTC), or null.</param>
/// <param name="LastReminderAt">When the shop's reminder last fired (UTC), or null.</param>
/// <param name="Silo">Address of the silo whose activation answered (operations: where the shop lives now).</param>
/// <param name="SellerType"><c>CROSS_BORDER</c> or <c>LOCAL</c>, or null.</param>
/// <param name="StatusReason">Why the shop is not active (TikTok code or operator action), or null.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.ShopSnapshot")]
public sealed record ShopSnapshot(
    [property: Id(0)] string ShopId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string ShopName,
    [property: Id(3)] string Region,
    [property: Id(4)] ShopStatus Status,
    [property: Id(5)] ShopSettings Settings,
    [property: Id(6)] long Revision,
    [property: Id(7)] DateTimeOffset? ConnectedAt,
    [property: Id(8)] DateTimeOffset? LastReminderAt,
    [property: Id(9)] string Silo,
    [property: Id(10)] string? SellerType = null,
    [property: Id(11)] string? StatusReason = null);

/// <summary>The outcome of <see cref="IShopGrain.UpdateSettingsIfAsync"/>.</summary>
/// <param name="Applied">False when the revision had moved on (nothing was changed).</param>
/// <param name="Shop">The shop after the call: changed when applied, as it is now otherwise.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.SettingsUpdate")]
public sealed record SettingsUpdate(
    [property: Id(0)] bool Applied,
    [property: Id(1)] ShopSnapshot Shop);
