namespace OpenClaw.Grains.Sync;

/// <summary>Where one domain's sync stands (read model for the API and dashboard).</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Watermark">Incremental sync has stored every change up to this instant (UTC; it starts where incremental sync began, history before it is the backfill's); for warehouses and performance, their last full run; null before the shop was connected with tokens.</param>
/// <param name="LagSeconds">Seconds between now and <paramref name="Watermark"/>; null when there is none.</param>
/// <param name="InProgress">True while a window is partly fetched (a page token is checkpointed).</param>
/// <param name="BackfillFrom">Start of the requested history (UTC), or null without a backfill.</param>
/// <param name="BackfillDoneBackTo">History is stored from this instant (UTC) up to where incremental sync began; it moves back towards <paramref name="BackfillFrom"/>.</param>
/// <param name="BackfillComplete">True when the history is fully stored.</param>
/// <param name="LastSuccessAt">When a window last completed (UTC).</param>
/// <param name="NextRunAt">When the next incremental window is due (UTC).</param>
/// <param name="Pages">Pages fetched since the shop was connected.</param>
/// <param name="Upserts">Entities written (new or newer versions) since the shop was connected.</param>
/// <param name="LastError">Catalogue key and message of the last failure (no token, no buyer data), or null after a success.</param>
/// <param name="ConsecutiveFailures">Failed runs since the last success.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.DomainSyncStatus")]
public sealed record DomainSyncStatus(
    [property: Id(0)] SyncDomain Domain,
    [property: Id(1)] DateTimeOffset? Watermark,
    [property: Id(2)] double? LagSeconds,
    [property: Id(3)] bool InProgress,
    [property: Id(4)] DateTimeOffset? BackfillFrom,
    [property: Id(5)] DateTimeOffset? BackfillDoneBackTo,
    [property: Id(6)] bool BackfillComplete,
    [property: Id(7)] DateTimeOffset? LastSuccessAt,
    [property: Id(8)] DateTimeOffset? NextRunAt,
    [property: Id(9)] long Pages,
    [property: Id(10)] long Upserts,
    [property: Id(11)] string? LastError,
    [property: Id(12)] int ConsecutiveFailures);

/// <summary>The token side of a shop, without any token text.</summary>
/// <param name="Status">None, Valid, Refreshing or NeedsReauthorization.</param>
/// <param name="AccessTokenExpiresAt">Absolute expiry of the access token (UTC).</param>
/// <param name="RefreshTokenExpiresAt">Absolute expiry of the refresh token (UTC).</param>
/// <param name="NextRefreshAt">When the next refresh is planned (UTC).</param>
/// <param name="LastRefreshedAt">Last successful refresh (UTC).</param>
/// <param name="AuthorizationExpiresAt">Authorization expiry announced by webhook 7 (UTC).</param>
/// <param name="LastErrorKey">Catalogue key of the last refresh failure.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.TokenSummary")]
public sealed record TokenSummary(
    [property: Id(0)] string Status,
    [property: Id(1)] DateTimeOffset? AccessTokenExpiresAt,
    [property: Id(2)] DateTimeOffset? RefreshTokenExpiresAt,
    [property: Id(3)] DateTimeOffset? NextRefreshAt,
    [property: Id(4)] DateTimeOffset? LastRefreshedAt,
    [property: Id(5)] DateTimeOffset? AuthorizationExpiresAt,
    [property: Id(6)] string? LastErrorKey);

/// <summary>Everything an operator sees about one shop's sync: the read model the grain writes as it works.</summary>
/// <param name="Shop">Registration, settings and status.</param>
/// <param name="Token">Token status.</param>
/// <param name="Domains">One entry per <see cref="SyncDomain"/>.</param>
/// <param name="PendingTargeted">Webhook-triggered fetches waiting.</param>
/// <param name="CallsToday">TikTok API calls this shop made in the current quota day.</param>
/// <param name="AsOf">When the report was made (UTC).</param>
/// <param name="RecentEvents">The shop's latest events (re-authorization needed, expiry warnings, deactivation), oldest first.</param>
/// <param name="Budget">The app's rate budget and the day's quota use with its forecast (shared by every shop of the app); null when the store did not answer.</param>
/// <param name="PendingTracking">Orders whose package is final and whose tracking is still to fetch (deferred while the quota is short), as last counted.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.ShopSyncReport")]
public sealed record ShopSyncReport(
    [property: Id(0)] Shops.ShopSnapshot Shop,
    [property: Id(1)] TokenSummary Token,
    [property: Id(2)] IReadOnlyList<DomainSyncStatus> Domains,
    [property: Id(3)] int PendingTargeted,
    [property: Id(4)] long CallsToday,
    [property: Id(5)] DateTimeOffset AsOf,
    [property: Id(6)] IReadOnlyList<Shops.ShopEvent> RecentEvents,
    [property: Id(7)] Budget.RateBudgetUsage? Budget = null,
    [property: Id(8)] long PendingTracking = 0);

/// <summary>
/// A TikTok webhook for this shop, already verified and deduplicated by the ingress (contract §6), reduced to what the
/// grain acts on.
/// </summary>
/// <param name="NotificationId"><c>tts_notification_id</c>.</param>
/// <param name="Type">Webhook type: 1 order, 4 package, 5 product status, 6 deauthorization, 7 authorization expiring, 11 cancellation, 12 return, 37 product audit.</param>
/// <param name="OrderId">Order id for types 1, 4, 11, 12.</param>
/// <param name="ProductId">Product id for types 5 and 37.</param>
/// <param name="ReturnId">Return id for type 12.</param>
/// <param name="ExpiresAt">Authorization expiry for type 7 (UTC).</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.ShopWebhook")]
public sealed record ShopWebhook(
    [property: Id(0)] string NotificationId,
    [property: Id(1)] int Type,
    [property: Id(2)] string? OrderId = null,
    [property: Id(3)] string? ProductId = null,
    [property: Id(4)] string? ReturnId = null,
    [property: Id(5)] DateTimeOffset? ExpiresAt = null);
