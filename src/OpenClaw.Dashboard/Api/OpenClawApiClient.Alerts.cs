using System.Globalization;
using System.Text;
using OpenClaw.Dashboard.Model;

namespace OpenClaw.Dashboard.Api;

public sealed partial class OpenClawApiClient
{
    /// <summary>Largest page of <c>GET /api/v1/alerts</c>.</summary>
    private const int AlertPageSize = 200;

    /// <summary>Page size of <c>GET /api/v1/ops-errors</c> (the API allows up to 500).</summary>
    private const int OpsErrorPageSize = 200;

    /// <inheritdoc />
    public Task<ApiResult<IReadOnlyList<AlertItem>>> ListAlertsAsync(string status, string? shopId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"/api/v1/alerts?status={Uri.EscapeDataString(status)}&limit={AlertPageSize}"
            + (shopId is null ? "" : "&shop_id=" + Uri.EscapeDataString(shopId)), null, ReadListAsync<AlertItem>, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<AlertItem>> GetAlertAsync(string fingerprint, CancellationToken cancellationToken) =>
        GetAsync<AlertItem>($"/api/v1/alerts/{Uri.EscapeDataString(fingerprint)}", cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<bool>> AcknowledgeAlertAsync(string fingerprint, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/v1/alerts/{Uri.EscapeDataString(fingerprint)}/acknowledge", new { }, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<bool>> SilenceAlertAsync(string fingerprint, DateTimeOffset until, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/v1/alerts/{Uri.EscapeDataString(fingerprint)}/silence", new { until }, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<IReadOnlyList<AlertRuleItem>>> ListAlertRulesAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/api/v1/alerts/rules", null, ReadListAsync<AlertRuleItem>, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<bool>> SaveAlertRuleAsync(AlertRuleItem rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        // The API refuses unknown fields: the id is the path, never part of the body.
        var body = new RuleBody(rule.MetricKey, rule.Comparator, rule.Threshold, rule.RecoveryThreshold, rule.WindowSeconds, rule.ForSeconds, rule.Severity,
            rule.Scope ?? new AlertScope("tenant", null), rule.Enabled);
        return SendAsync(HttpMethod.Put, $"/api/v1/alerts/rules/{Uri.EscapeDataString(rule.RuleId)}", body, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ApiResult<bool>> DeleteAlertRuleAsync(string ruleId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"/api/v1/alerts/rules/{Uri.EscapeDataString(ruleId)}", null, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<IReadOnlyList<ChannelItem>>> ListChannelsAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/api/v1/channels", null, ReadListAsync<ChannelItem>, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<bool>> SaveChannelAsync(string channelId, ChannelInput channel, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        ArgumentNullException.ThrowIfNull(channel);
        return SendAsync(HttpMethod.Put, $"/api/v1/channels/{Uri.EscapeDataString(channelId)}", channel, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ApiResult<bool>> DeleteChannelAsync(string channelId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"/api/v1/channels/{Uri.EscapeDataString(channelId)}", null, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<ChannelTestResult>> TestChannelAsync(string channelId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/v1/channels/{Uri.EscapeDataString(channelId)}/test", null, ReadJsonAsync<ChannelTestResult>, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<ListPage<OpsErrorItem>>> ListOpsErrorsAsync(OpsErrorFilter filter, string? cursor, CancellationToken cancellationToken)
    {
        var query = OpsErrorQuery(filter).Append("&limit=").Append(OpsErrorPageSize.ToString(CultureInfo.InvariantCulture));
        if (cursor is not null)
        {
            query.Append("&cursor=").Append(Uri.EscapeDataString(cursor));
        }

        return SendAsync(HttpMethod.Get, "/api/v1/ops-errors?" + query.ToString().TrimStart('&'), null, async (response, ct) =>
        {
            var root = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Json, ct).ConfigureAwait(false);
            var items = ListOf<OpsErrorItem>(root, out var next);
            return new ListPage<OpsErrorItem>(items, next);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ApiResult<IReadOnlyList<OpsErrorCount>>> SummarizeOpsErrorsAsync(string by, OpsErrorFilter filter, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"/api/v1/ops-errors/summary?by={Uri.EscapeDataString(by)}{OpsErrorQuery(filter)}", null, ReadListAsync<OpsErrorCount>, cancellationToken);

    /// <summary>
    /// The filter as <c>&amp;name=value</c> pairs in the API's parameter names (<c>code</c>, <c>httpStatus</c>, <c>endpoint</c>,
    /// <c>shopId</c>, <c>from</c>, <c>to</c>, <c>minRetries</c>); days become ISO 8601 UTC times (from midnight to the last second of <c>to</c>).
    /// </summary>
    public static StringBuilder OpsErrorQuery(OpsErrorFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new StringBuilder();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value.Trim()));
            }
        }

        Add("code", filter.Code);
        Add("httpStatus", filter.HttpStatus?.ToString(CultureInfo.InvariantCulture));
        Add("endpoint", filter.Endpoint);
        Add("shopId", filter.ShopId);
        Add("from", filter.From is { } from ? Day(from) + "T00:00:00Z" : null);
        Add("to", filter.To is { } to ? Day(to) + "T23:59:59Z" : null);
        Add("minRetries", filter.MinRetries?.ToString(CultureInfo.InvariantCulture));
        return query;
    }

    // PUT /api/v1/alerts/rules/{rule_id}: exactly the API's RuleBody.
    private sealed record RuleBody(
        string MetricKey, string Comparator, double Threshold, double? RecoveryThreshold, long WindowSeconds, long ForSeconds, string Severity,
        AlertScope Scope, bool Enabled);
}
