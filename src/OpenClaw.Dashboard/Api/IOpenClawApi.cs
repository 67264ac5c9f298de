using OpenClaw.Dashboard.Model;

namespace OpenClaw.Dashboard.Api;

/// <summary>
/// Everything the dashboard reads and does, through the agency REST API (<c>/api/v1</c>) with the signed-in tenant's
/// key. Every call answers an <see cref="ApiResult{T}"/> instead of throwing, so one missing endpoint makes one part of
/// a page "unavailable", never the whole page fail.
/// </summary>
public interface IOpenClawApi
{
    /// <summary>Checks a key before signing in (<c>GET /api/v1/shops?limit=1</c> with that key).</summary>
    Task<ApiResult<bool>> ValidateKeyAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every shop of the tenant (all pages, up to <paramref name="max"/>).</summary>
    Task<ApiResult<IReadOnlyList<ShopListItem>>> ListShopsAsync(int max, CancellationToken cancellationToken);

    /// <summary>One shop.</summary>
    Task<ApiResult<ShopDetail>> GetShopAsync(string shopId, CancellationToken cancellationToken);

    /// <summary>A consent link to send the seller to (re-authorization).</summary>
    Task<ApiResult<ConsentLink>> GetAuthorizeLinkAsync(CancellationToken cancellationToken);

    /// <summary>Makes every domain of the shop due now.</summary>
    Task<ApiResult<bool>> SyncNowAsync(string shopId, CancellationToken cancellationToken);

    /// <summary>Fetches history from <paramref name="from"/> (shop-local midnight in UTC is close enough: the API overlaps).</summary>
    Task<ApiResult<bool>> BackfillAsync(string shopId, DateOnly from, CancellationToken cancellationToken);

    /// <summary>Pauses or resumes scheduled work (reads the ETag, then PATCHes with <c>If-Match</c>).</summary>
    Task<ApiResult<bool>> SetPausedAsync(string shopId, bool paused, CancellationToken cancellationToken);

    /// <summary>Tenant total and each shop's summary over shop-local days (every page of the API's overview).</summary>
    Task<ApiResult<OverviewMetrics>> GetOverviewAsync(DayRange days, CancellationToken cancellationToken);

    /// <summary>A shop's daily summaries.</summary>
    Task<ApiResult<ShopDailyMetrics>> GetShopMetricsAsync(string shopId, DayRange days, CancellationToken cancellationToken);

    /// <summary>A shop's health score and missed targets.</summary>
    Task<ApiResult<ShopHealth>> GetShopHealthAsync(string shopId, CancellationToken cancellationToken);

    /// <summary>Our figures beside TikTok's per day.</summary>
    Task<ApiResult<Reconciliation>> GetReconciliationAsync(string shopId, DayRange days, CancellationToken cancellationToken);

    /// <summary>Shops grouped by region, category, warehouse or shop.</summary>
    Task<ApiResult<CompareResult>> CompareAsync(string by, DayRange days, CancellationToken cancellationToken);

    /// <summary>Alerts by status (<c>firing</c> or <c>resolved</c>), optionally of one shop.</summary>
    Task<ApiResult<IReadOnlyList<AlertItem>>> ListAlertsAsync(string status, string? shopId, CancellationToken cancellationToken);

    /// <summary>One alert with its audit trail (<c>GET /api/v1/alerts/{fingerprint}</c>; another tenant's is not found).</summary>
    Task<ApiResult<AlertItem>> GetAlertAsync(string fingerprint, CancellationToken cancellationToken);

    /// <summary>Acknowledges an alert.</summary>
    Task<ApiResult<bool>> AcknowledgeAlertAsync(string fingerprint, CancellationToken cancellationToken);

    /// <summary>Silences an alert until <paramref name="until"/>.</summary>
    Task<ApiResult<bool>> SilenceAlertAsync(string fingerprint, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>The tenant's alert rules (<c>GET /api/v1/alerts/rules</c>; a new tenant has the defaults).</summary>
    Task<ApiResult<IReadOnlyList<AlertRuleItem>>> ListAlertRulesAsync(CancellationToken cancellationToken);

    /// <summary>Creates or replaces the rule of that id (<c>PUT /api/v1/alerts/rules/{rule_id}</c>).</summary>
    Task<ApiResult<bool>> SaveAlertRuleAsync(AlertRuleItem rule, CancellationToken cancellationToken);

    /// <summary>Deletes a rule.</summary>
    Task<ApiResult<bool>> DeleteAlertRuleAsync(string ruleId, CancellationToken cancellationToken);

    /// <summary>The tenant's notification channels (no URLs or secrets).</summary>
    Task<ApiResult<IReadOnlyList<ChannelItem>>> ListChannelsAsync(CancellationToken cancellationToken);

    /// <summary>Creates or replaces the channel of that id (<c>PUT /api/v1/channels/{channel_id}</c>, admin keys only).</summary>
    Task<ApiResult<bool>> SaveChannelAsync(string channelId, ChannelInput channel, CancellationToken cancellationToken);

    /// <summary>Deletes a channel.</summary>
    Task<ApiResult<bool>> DeleteChannelAsync(string channelId, CancellationToken cancellationToken);

    /// <summary>Sends a test message through a channel; the result says whether the receiver took it.</summary>
    Task<ApiResult<ChannelTestResult>> TestChannelAsync(string channelId, CancellationToken cancellationToken);

    /// <summary>Ops error groups matching <paramref name="filter"/>, newest last seen first (diagnosis and fix in English and Chinese).</summary>
    Task<ApiResult<ListPage<OpsErrorItem>>> ListOpsErrorsAsync(OpsErrorFilter filter, string? cursor, CancellationToken cancellationToken);

    /// <summary>Ops error counts grouped by <paramref name="by"/> (<c>code</c>, <c>endpoint</c>, <c>shop</c> or <c>httpStatus</c>).</summary>
    Task<ApiResult<IReadOnlyList<OpsErrorCount>>> SummarizeOpsErrorsAsync(string by, OpsErrorFilter filter, CancellationToken cancellationToken);

    /// <summary>Streams a CSV export of the API (path and query under <c>/api/v1</c>) to <paramref name="destination"/>.</summary>
    Task<ApiResult<bool>> CopyCsvAsync(string pathAndQuery, Stream destination, CancellationToken cancellationToken);
}
