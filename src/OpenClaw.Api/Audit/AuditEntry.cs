using System.Text.Json;

namespace OpenClaw.Api.Audit;

/// <summary>One change, as the audit log keeps it.</summary>
/// <param name="Id">Unique id of the entry.</param>
/// <param name="At">When the change was made (UTC).</param>
/// <param name="TenantId">The tenant whose data changed.</param>
/// <param name="KeyId">The id of the API key that made it (<c>bootstrap</c> for the platform key; null for a seller's OAuth consent). Never the key.</param>
/// <param name="Action">What happened (<see cref="AuditActions"/>).</param>
/// <param name="Target">What it happened to: a tenant, key or shop id.</param>
/// <param name="Changes">The changed fields and their new values (never a token or key).</param>
public sealed record AuditEntry(string Id, DateTimeOffset At, string TenantId, string? KeyId, string Action, string Target, JsonElement? Changes);

/// <summary>A page of the audit log, newest first.</summary>
/// <param name="Items">The entries.</param>
/// <param name="NextCursor">Pass back as <c>cursor</c> for older entries; null on the last page.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? NextCursor);

/// <summary>The audited actions.</summary>
public static class AuditActions
{
    /// <summary>A seller's systems reported failed calls (<c>POST /api/v1/ops-errors/ingest</c>; the counts, never the payloads).</summary>
    public const string OpsErrorsReported = "ops_errors.reported";

    /// <summary>A tenant was created (platform key).</summary>
    public const string TenantCreated = "tenant.created";

    /// <summary>An API key was issued.</summary>
    public const string KeyCreated = "key.created";

    /// <summary>An API key was revoked.</summary>
    public const string KeyRevoked = "key.revoked";

    /// <summary>A shop was connected through the seller's OAuth consent.</summary>
    public const string ShopConnected = "shop.connected";

    /// <summary>A shop was connected with already-issued tokens (<c>POST /api/v1/shops</c>).</summary>
    public const string ShopRegistered = "shop.registered";

    /// <summary>A shop was connected or reconnected by a CSV import row.</summary>
    public const string ShopImported = "shop.imported";

    /// <summary>A shop's settings were changed.</summary>
    public const string ShopSettingsUpdated = "shop.settings_updated";

    /// <summary>A sync was requested.</summary>
    public const string ShopSyncRequested = "shop.sync_requested";

    /// <summary>A backfill was requested.</summary>
    public const string ShopBackfillRequested = "shop.backfill_requested";

    /// <summary>A shop was disconnected.</summary>
    public const string ShopDisconnected = "shop.disconnected";

    /// <summary>Every action, for validating the <c>action</c> filter.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        TenantCreated, KeyCreated, KeyRevoked, ShopConnected, ShopRegistered, ShopImported, ShopSettingsUpdated, ShopSyncRequested,
        ShopBackfillRequested, ShopDisconnected, OpsErrorsReported,
    };
}
