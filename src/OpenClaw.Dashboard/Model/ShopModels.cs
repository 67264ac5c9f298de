namespace OpenClaw.Dashboard.Model;

/// <summary>One row of <c>GET /api/v1/shops</c>.</summary>
/// <param name="ShopId">TikTok shop id.</param>
/// <param name="ShopName">Shop name (often Chinese).</param>
/// <param name="Region">Two-letter region.</param>
/// <param name="Status">Lifecycle status, snake_case (<c>active</c>, <c>needs_reauthorization</c>, …).</param>
/// <param name="StatusReason">Why the shop is not active, or null.</param>
/// <param name="Tags">Labels.</param>
/// <param name="TokenStatus">Token status.</param>
/// <param name="MaxLagSeconds">Largest sync lag over the domains.</param>
/// <param name="Revision">The shop's revision.</param>
/// <param name="ConnectedAt">First connection.</param>
/// <param name="AsOf">When the API's summary was written.</param>
public sealed record ShopListItem(
    string ShopId, string ShopName, string Region, string Status, string? StatusReason, IReadOnlyList<string>? Tags,
    string? TokenStatus, double? MaxLagSeconds, long Revision, DateTimeOffset? ConnectedAt, DateTimeOffset? AsOf);

/// <summary>A page of shops.</summary>
/// <param name="Items">Shops ordered by id.</param>
/// <param name="NextCursor">Cursor of the next page, or null.</param>
public sealed record ShopPage(IReadOnlyList<ShopListItem> Items, string? NextCursor);

/// <summary>Operator settings of a shop.</summary>
/// <param name="TimeZone">IANA zone of its day buckets.</param>
/// <param name="Tags">Labels.</param>
/// <param name="Paused">True while scheduled work is stopped.</param>
/// <param name="WarehouseNames">Names of warehouse ids.</param>
public sealed record ShopSettings(string? TimeZone, IReadOnlyList<string>? Tags, bool Paused, IReadOnlyDictionary<string, string>? WarehouseNames);

/// <summary>Token side of a shop (never a token).</summary>
/// <param name="Status">None, Valid, Refreshing or NeedsReauthorization.</param>
/// <param name="AccessTokenExpiresAt">Access token expiry.</param>
/// <param name="RefreshTokenExpiresAt">Refresh token expiry.</param>
/// <param name="NextRefreshAt">Planned refresh.</param>
/// <param name="LastRefreshedAt">Last refresh.</param>
/// <param name="AuthorizationExpiresAt">Authorization expiry.</param>
/// <param name="LastErrorKey">Last refresh failure.</param>
public sealed record TokenSummary(
    string Status, DateTimeOffset? AccessTokenExpiresAt, DateTimeOffset? RefreshTokenExpiresAt, DateTimeOffset? NextRefreshAt,
    DateTimeOffset? LastRefreshedAt, DateTimeOffset? AuthorizationExpiresAt, string? LastErrorKey);

/// <summary>Sync status of one data domain.</summary>
/// <param name="Domain">Domain name (orders, returns, …).</param>
/// <param name="Watermark">Synced up to.</param>
/// <param name="LagSeconds">Lag behind now.</param>
/// <param name="InProgress">A window is being fetched.</param>
/// <param name="BackfillFrom">Backfill start.</param>
/// <param name="BackfillDoneBackTo">How far back the backfill got.</param>
/// <param name="BackfillComplete">Backfill finished.</param>
/// <param name="LastSuccessAt">Last successful page.</param>
/// <param name="NextRunAt">Next run.</param>
/// <param name="Pages">Pages fetched.</param>
/// <param name="Upserts">Entities stored.</param>
/// <param name="LastError">Last error text.</param>
/// <param name="ConsecutiveFailures">Failures in a row.</param>
public sealed record DomainSyncStatus(
    string Domain, DateTimeOffset? Watermark, double? LagSeconds, bool InProgress, DateTimeOffset? BackfillFrom,
    DateTimeOffset? BackfillDoneBackTo, bool BackfillComplete, DateTimeOffset? LastSuccessAt, DateTimeOffset? NextRunAt,
    long Pages, long Upserts, string? LastError, int ConsecutiveFailures);

/// <summary>The app's rate budget and daily quota (shared by every shop).</summary>
/// <param name="DailyQuota">Calls allowed per quota day.</param>
/// <param name="UsedToday">Calls made today.</param>
/// <param name="DayEndsAt">When the quota day ends.</param>
/// <param name="PausedUntil">Calls paused until (429), or null.</param>
/// <param name="PerAppPerSecond">Configured rate.</param>
/// <param name="RecentPerSecond">Recent rate.</param>
/// <param name="ForecastForDay">Forecast of the day's calls.</param>
/// <param name="ForecastExceedsQuota">True when the forecast exceeds the quota.</param>
public sealed record RateBudgetUsage(
    long DailyQuota, long UsedToday, DateTimeOffset? DayEndsAt, DateTimeOffset? PausedUntil, double PerAppPerSecond,
    double RecentPerSecond, long ForecastForDay, bool ForecastExceedsQuota)
{
    /// <summary>Share of the quota used, 0–1, or null without a quota.</summary>
    public double? UsedShare => DailyQuota > 0 ? (double)UsedToday / DailyQuota : null;
}

/// <summary>An event of a shop (re-authorization needed, expiry warning, deactivation).</summary>
/// <param name="Kind">Event kind.</param>
/// <param name="At">When.</param>
/// <param name="ExpiresAt">Expiry it warns about.</param>
/// <param name="ErrorCode">TikTok's code.</param>
public sealed record ShopEvent(string Kind, DateTimeOffset At, DateTimeOffset? ExpiresAt, int? ErrorCode);

/// <summary><c>GET /api/v1/shops/{id}</c>.</summary>
/// <param name="ShopId">TikTok shop id.</param>
/// <param name="ShopName">Name.</param>
/// <param name="Region">Region.</param>
/// <param name="SellerType">Cross-border or local.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="StatusReason">Why not active.</param>
/// <param name="Settings">Settings.</param>
/// <param name="Revision">Revision (ETag).</param>
/// <param name="ConnectedAt">First connection.</param>
/// <param name="Token">Token status.</param>
/// <param name="Sync">Per domain.</param>
/// <param name="PendingTargeted">Webhook fetches waiting.</param>
/// <param name="CallsToday">Calls this shop made today.</param>
/// <param name="Budget">App budget and quota.</param>
/// <param name="RecentEvents">Latest events.</param>
/// <param name="AsOf">When the report was made.</param>
public sealed record ShopDetail(
    string ShopId, string ShopName, string Region, string? SellerType, string Status, string? StatusReason, ShopSettings? Settings,
    long Revision, DateTimeOffset? ConnectedAt, TokenSummary? Token, IReadOnlyList<DomainSyncStatus>? Sync, int PendingTargeted,
    long CallsToday, RateBudgetUsage? Budget, IReadOnlyList<ShopEvent>? RecentEvents, DateTimeOffset? AsOf);

/// <summary>The seller consent link (re-authorization).</summary>
/// <param name="ConsentUrl">Where the seller goes.</param>
/// <param name="ExpiresAt">When the link stops working.</param>
public sealed record ConsentLink(Uri ConsentUrl, DateTimeOffset ExpiresAt);
