using OpenClaw.Grains.Budget;
using OpenClaw.Grains.OpsErrors;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;

namespace OpenClaw.Api.Model;

/// <summary>A shop's operator settings as the API shows them.</summary>
/// <param name="TimeZone">IANA time zone of the shop's day buckets.</param>
/// <param name="Tags">Labels.</param>
/// <param name="Paused">True while scheduled work is stopped.</param>
/// <param name="WarehouseNames">Operator names for TikTok warehouse ids.</param>
public sealed record ShopSettingsResponse(string TimeZone, IReadOnlyList<string> Tags, bool Paused, IReadOnlyDictionary<string, string> WarehouseNames)
{
    /// <summary>From the grain's settings.</summary>
    public static ShopSettingsResponse From(ShopSettings settings) =>
        new(settings.TimeZone, settings.Tags ?? [], settings.Paused, settings.WarehouseNames ?? new Dictionary<string, string>());
}

/// <summary>One row of the shop list.</summary>
/// <param name="ShopId">TikTok shop id.</param>
/// <param name="ShopName">Shop name.</param>
/// <param name="Region">Two-letter region.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="StatusReason">Why the shop is not active, or null.</param>
/// <param name="Tags">Labels.</param>
/// <param name="TokenStatus">None, Valid, Refreshing or NeedsReauthorization.</param>
/// <param name="MaxLagSeconds">The largest sync lag over the domains, or null before the first window.</param>
/// <param name="Revision">The shop's revision (its ETag).</param>
/// <param name="ConnectedAt">When the shop was first connected.</param>
/// <param name="AsOf">When the summary was written.</param>
public sealed record ShopListItem(
    string ShopId, string ShopName, string Region, ShopStatus Status, string? StatusReason, IReadOnlyList<string> Tags,
    string TokenStatus, double? MaxLagSeconds, long Revision, DateTimeOffset? ConnectedAt, DateTimeOffset AsOf)
{
    /// <summary>From the shop's summary read model.</summary>
    public static ShopListItem From(ShopSyncReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var shop = report.Shop;
        return new(shop.ShopId, shop.ShopName, shop.Region, shop.Status, shop.StatusReason, shop.Settings.Tags ?? [], report.Token.Status,
            report.Domains.Max(d => d.LagSeconds), shop.Revision, shop.ConnectedAt, report.AsOf);
    }
}

/// <summary>A page of shops.</summary>
/// <param name="Items">The shops, ordered by id.</param>
/// <param name="NextCursor">Opaque cursor of the next page, or null on the last.</param>
public sealed record ShopPage(IReadOnlyList<ShopListItem> Items, string? NextCursor);

/// <summary>Everything about one shop: registration, settings, token status, sync per domain, budget, recent events.</summary>
/// <param name="ShopId">TikTok shop id.</param>
/// <param name="ShopName">Shop name.</param>
/// <param name="Region">Two-letter region.</param>
/// <param name="SellerType"><c>CROSS_BORDER</c> or <c>LOCAL</c>, or null.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="StatusReason">Why the shop is not active, or null.</param>
/// <param name="Settings">Operator settings.</param>
/// <param name="Revision">The shop's revision (its ETag).</param>
/// <param name="ConnectedAt">When the shop was first connected.</param>
/// <param name="Token">Token status (never the token).</param>
/// <param name="Sync">Sync status per domain.</param>
/// <param name="PendingTargeted">Webhook-triggered fetches waiting.</param>
/// <param name="CallsToday">TikTok calls this shop made in the current quota day.</param>
/// <param name="Budget">The app's rate budget and daily quota, shared by every shop.</param>
/// <param name="RecentEvents">Latest events, oldest first.</param>
/// <param name="AsOf">When the report was made.</param>
/// <param name="LastErrors">The shop's most recently seen ops error groups (at most <see cref="LastErrorCount"/>), newest first.</param>
/// <param name="PendingTracking">
/// The shop's tracking backlog: orders whose package is final and whose tracking is still to fetch (one call each,
/// deferred while the quota is short), as the grain last counted them; 0 before its first count.
/// </param>
public sealed record ShopDetail(
    string ShopId, string ShopName, string Region, string? SellerType, ShopStatus Status, string? StatusReason, ShopSettingsResponse Settings,
    long Revision, DateTimeOffset? ConnectedAt, TokenSummary Token, IReadOnlyList<DomainSyncStatus> Sync, int PendingTargeted,
    long CallsToday, RateBudgetUsage? Budget, IReadOnlyList<ShopEvent> RecentEvents, DateTimeOffset AsOf,
    IReadOnlyList<OpsErrorRecord> LastErrors, long PendingTracking)
{
    /// <summary>How many error groups the detail shows (all of them: <c>GET /api/v1/ops-errors?shopId=…</c>).</summary>
    public const int LastErrorCount = 5;

    /// <summary>From the grain's report and the shop's latest ops error groups.</summary>
    public static ShopDetail From(ShopSyncReport report, IReadOnlyList<OpsErrorRecord> lastErrors)
    {
        ArgumentNullException.ThrowIfNull(report);
        var shop = report.Shop;
        return new(shop.ShopId, shop.ShopName, shop.Region, shop.SellerType, shop.Status, shop.StatusReason, ShopSettingsResponse.From(shop.Settings),
            shop.Revision, shop.ConnectedAt, report.Token, report.Domains, report.PendingTargeted, report.CallsToday, report.Budget,
            report.RecentEvents, report.AsOf, lastErrors, report.PendingTracking);
    }
}

/// <summary>A shop as a change left it.</summary>
/// <param name="ShopId">TikTok shop id.</param>
/// <param name="ShopName">Shop name.</param>
/// <param name="Region">Two-letter region.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Settings">Operator settings.</param>
/// <param name="Revision">The shop's revision (its ETag).</param>
/// <param name="ConnectedAt">When the shop was first connected.</param>
public sealed record ShopResponse(
    string ShopId, string ShopName, string Region, ShopStatus Status, ShopSettingsResponse Settings, long Revision, DateTimeOffset? ConnectedAt)
{
    /// <summary>From a grain snapshot.</summary>
    public static ShopResponse From(ShopSnapshot shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        return new(shop.ShopId, shop.ShopName, shop.Region, shop.Status, ShopSettingsResponse.From(shop.Settings), shop.Revision, shop.ConnectedAt);
    }
}

/// <summary>The shops an onboarding connected.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Shops">Every shop the authorization covers.</param>
public sealed record ConnectedShops(string TenantId, IReadOnlyList<ShopResponse> Shops);

/// <summary>The seller consent link.</summary>
/// <param name="ConsentUrl">Where to send the seller; TikTok returns them to the callback with a code.</param>
/// <param name="ExpiresAt">When the link's state stops being accepted.</param>
public sealed record ConsentLink(Uri ConsentUrl, DateTimeOffset ExpiresAt);
