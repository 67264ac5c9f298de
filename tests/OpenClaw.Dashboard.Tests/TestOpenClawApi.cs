namespace OpenClaw.Dashboard.Tests;

/// <summary>
/// The dashboard's API as a test sets it up: each answer is a property (default: the endpoint does not exist yet, as
/// the API answers with a 404), and every action is recorded so tests can see what an operator's click sent.
/// </summary>
public sealed class TestOpenClawApi : IOpenClawApi
{
    private static ApiResult<T> Missing<T>() => ApiResults.Fail<T>(ApiOutcome.NotFound);

    public ApiResult<IReadOnlyList<ShopListItem>> Shops { get; set; } = ApiResults.Success<IReadOnlyList<ShopListItem>>([]);
    public Dictionary<string, ShopDetail> Details { get; } = new(StringComparer.Ordinal);
    public ApiResult<OverviewMetrics> Overview { get; set; } = Missing<OverviewMetrics>();
    public Func<string, ApiResult<ShopDailyMetrics>> ShopMetrics { get; set; } = _ => Missing<ShopDailyMetrics>();

    /// <summary>When set, a shop's metrics answer only once this completes (or its caller cancels), as a slow API.</summary>
    public TaskCompletionSource? ShopMetricsHeld { get; set; }
    public ApiResult<ShopHealth> Health { get; set; } = Missing<ShopHealth>();
    public ApiResult<Reconciliation> Reconciliation { get; set; } = Missing<Reconciliation>();
    public ApiResult<CompareResult> Compare { get; set; } = Missing<CompareResult>();
    public ApiResult<IReadOnlyList<AlertItem>> FiringAlerts { get; set; } = Missing<IReadOnlyList<AlertItem>>();
    public ApiResult<IReadOnlyList<AlertItem>> ResolvedAlerts { get; set; } = Missing<IReadOnlyList<AlertItem>>();
    public ApiResult<IReadOnlyList<AlertRuleItem>> Rules { get; set; } = Missing<IReadOnlyList<AlertRuleItem>>();
    public ApiResult<IReadOnlyList<ChannelItem>> Channels { get; set; } = Missing<IReadOnlyList<ChannelItem>>();
    public ApiResult<ListPage<OpsErrorItem>> OpsErrors { get; set; } = Missing<ListPage<OpsErrorItem>>();
    public ApiResult<IReadOnlyList<OpsErrorCount>> OpsErrorCounts { get; set; } = Missing<IReadOnlyList<OpsErrorCount>>();
    public ApiResult<ChannelTestResult> ChannelTest { get; set; } = ApiResults.Success(new ChannelTestResult("delivered", null));

    /// <summary>Every call, as "Method argument".</summary>
    public List<string> Calls { get; } = [];

    public Task<ApiResult<bool>> ValidateKeyAsync(string key, CancellationToken cancellationToken) => Done(ApiResults.Success(key == "good-key"));
    public Task<ApiResult<IReadOnlyList<ShopListItem>>> ListShopsAsync(int max, CancellationToken cancellationToken) => Done(Shops);
    public Task<ApiResult<ShopDetail>> GetShopAsync(string shopId, CancellationToken cancellationToken) =>
        Done(Details.TryGetValue(shopId, out var detail) ? ApiResults.Success(detail) : Missing<ShopDetail>());
    public Task<ApiResult<ConsentLink>> GetAuthorizeLinkAsync(CancellationToken cancellationToken) =>
        Record("authorize", ApiResults.Success(new ConsentLink(new Uri("https://auth.example/authorize?state=s"), DateTimeOffset.UnixEpoch)));
    public Task<ApiResult<bool>> SyncNowAsync(string shopId, CancellationToken cancellationToken) => Record("sync " + shopId, ApiResults.Success(true));
    public Task<ApiResult<bool>> BackfillAsync(string shopId, DateOnly from, CancellationToken cancellationToken) =>
        Record($"backfill {shopId} {from:yyyy-MM-dd}", ApiResults.Success(true));
    public Task<ApiResult<bool>> SetPausedAsync(string shopId, bool paused, CancellationToken cancellationToken) =>
        Record($"paused {shopId} {paused}", ApiResults.Success(true));
    public Task<ApiResult<OverviewMetrics>> GetOverviewAsync(DayRange days, CancellationToken cancellationToken) => Record("overview " + days.Query, Overview);
    public async Task<ApiResult<ShopDailyMetrics>> GetShopMetricsAsync(string shopId, DayRange days, CancellationToken cancellationToken)
    {
        if (ShopMetricsHeld is { } held)
        {
            await held.Task.WaitAsync(cancellationToken);
        }

        return ShopMetrics(shopId);
    }
    public Task<ApiResult<ShopHealth>> GetShopHealthAsync(string shopId, CancellationToken cancellationToken) => Done(Health);
    public Task<ApiResult<Reconciliation>> GetReconciliationAsync(string shopId, DayRange days, CancellationToken cancellationToken) => Done(Reconciliation);
    public Task<ApiResult<CompareResult>> CompareAsync(string by, DayRange days, CancellationToken cancellationToken) => Record("compare " + by, Compare);
    public Task<ApiResult<IReadOnlyList<AlertItem>>> ListAlertsAsync(string status, string? shopId, CancellationToken cancellationToken) =>
        Done(status == "firing" ? FiringAlerts : ResolvedAlerts);
    public Task<ApiResult<AlertItem>> GetAlertAsync(string fingerprint, CancellationToken cancellationToken) =>
        Done(FiringAlerts.Value?.Concat(ResolvedAlerts.Value ?? []).FirstOrDefault(a => a.Fingerprint == fingerprint) is { } a
            ? ApiResults.Success(a) : ApiResults.Fail<AlertItem>(ApiOutcome.NotFound));
    public Task<ApiResult<bool>> AcknowledgeAlertAsync(string fingerprint, CancellationToken cancellationToken) => Record("ack " + fingerprint, ApiResults.Success(true));
    public Task<ApiResult<bool>> SilenceAlertAsync(string fingerprint, DateTimeOffset until, CancellationToken cancellationToken) => Record("silence " + fingerprint, ApiResults.Success(true));
    public Task<ApiResult<IReadOnlyList<AlertRuleItem>>> ListAlertRulesAsync(CancellationToken cancellationToken) => Done(Rules);
    public Task<ApiResult<bool>> SaveAlertRuleAsync(AlertRuleItem rule, CancellationToken cancellationToken) =>
        Record($"rule {rule.RuleId} {rule.WindowSeconds} {rule.ForSeconds}", ApiResults.Success(true));
    public Task<ApiResult<bool>> DeleteAlertRuleAsync(string ruleId, CancellationToken cancellationToken) => Record("delete rule " + ruleId, ApiResults.Success(true));
    public Task<ApiResult<IReadOnlyList<ChannelItem>>> ListChannelsAsync(CancellationToken cancellationToken) => Done(Channels);
    public Task<ApiResult<bool>> SaveChannelAsync(string channelId, ChannelInput channel, CancellationToken cancellationToken) => Record($"channel {channelId} {channel.Name}", ApiResults.Success(true));
    public Task<ApiResult<bool>> DeleteChannelAsync(string channelId, CancellationToken cancellationToken) => Record("delete channel " + channelId, ApiResults.Success(true));
    public Task<ApiResult<ChannelTestResult>> TestChannelAsync(string channelId, CancellationToken cancellationToken) => Record("test " + channelId, ChannelTest);
    public Task<ApiResult<ListPage<OpsErrorItem>>> ListOpsErrorsAsync(OpsErrorFilter filter, string? cursor, CancellationToken cancellationToken) =>
        Record($"ops-errors {filter.Code}", OpsErrors);
    public Task<ApiResult<IReadOnlyList<OpsErrorCount>>> SummarizeOpsErrorsAsync(string by, OpsErrorFilter filter, CancellationToken cancellationToken) => Record("summary " + by, OpsErrorCounts);
    public Task<ApiResult<bool>> CopyCsvAsync(string pathAndQuery, Stream destination, CancellationToken cancellationToken) => Record("csv " + pathAndQuery, ApiResults.Success(true));

    private static Task<T> Done<T>(T value) => Task.FromResult(value);

    private Task<T> Record<T>(string call, T value)
    {
        lock (Calls)
        {
            Calls.Add(call);
        }

        return Task.FromResult(value);
    }
}
