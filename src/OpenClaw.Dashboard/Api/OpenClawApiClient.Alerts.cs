using System.Globalization;
using System.Text;
using OpenClaw.Dashboard.Model;

namespace OpenClaw.Dashboard.Api;

public sealed partial class OpenClawApiClient
{
    /// <inheritdoc />
    public Task<ApiResult<IReadOnlyList<AlertItem>>> ListAlertsAsync(string status, string? shopId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"/api/v1/alerts?status={Uri.EscapeDataString(status)}" + (shopId is null ? "" : "&shop_id=" + Uri.EscapeDataString(shopId)),
            null, ReadListAsync<AlertItem>, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<bool>> AcknowledgeAlertAsync(string fingerprint, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/v1/alerts/{Uri.EscapeDataString(fingerprint)}/acknowledge", new { }, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<bool>> SilenceAlertAsync(string fingerprint, DateTimeOffset until, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/v1/alerts/{Uri.EscapeDataString(fingerprint)}/silence", new { until }, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<IReadOnlyList<AlertRuleItem>>> ListAlertRulesAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/api/v1/alert-rules", null, ReadListAsync<AlertRuleItem>, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<bool>> SaveAlertRuleAsync(AlertRuleItem rule, bool create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return create
            ? SendAsync(HttpMethod.Post, "/api/v1/alert-rules", rule, cancellationToken)
            : SendAsync(HttpMethod.Put, $"/api/v1/alert-rules/{Uri.EscapeDataString(rule.RuleId)}", rule, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ApiResult<bool>> DeleteAlertRuleAsync(string ruleId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"/api/v1/alert-rules/{Uri.EscapeDataString(ruleId)}", null, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<IReadOnlyList<ChannelItem>>> ListChannelsAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/api/v1/channels", null, ReadListAsync<ChannelItem>, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<bool>> SaveChannelAsync(string? channelId, ChannelInput channel, CancellationToken cancellationToken) =>
        channelId is null
            ? SendAsync(HttpMethod.Post, "/api/v1/channels", channel, cancellationToken)
            : SendAsync(HttpMethod.Put, $"/api/v1/channels/{Uri.EscapeDataString(channelId)}", channel, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<bool>> DeleteChannelAsync(string channelId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"/api/v1/channels/{Uri.EscapeDataString(channelId)}", null, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<bool>> TestChannelAsync(string channelId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/v1/channels/{Uri.EscapeDataString(channelId)}/test", new { }, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<ListPage<OpsErrorItem>>> ListOpsErrorsAsync(OpsErrorFilter filter, string language, string? cursor, CancellationToken cancellationToken)
    {
        var query = OpsErrorQuery(filter).Append("&limit=200&lang=").Append(Uri.EscapeDataString(language));
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
    public Task<ApiResult<IReadOnlyList<CountByKey>>> SummarizeOpsErrorsAsync(string by, OpsErrorFilter filter, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"/api/v1/ops-errors/summary?by={Uri.EscapeDataString(by)}{OpsErrorQuery(filter)}", null, ReadListAsync<CountByKey>, cancellationToken);

    /// <summary>The filter as <c>&amp;name=value</c> pairs (the API's parameter names).</summary>
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
        Add("http_status", filter.HttpStatus?.ToString(CultureInfo.InvariantCulture));
        Add("endpoint", filter.Endpoint);
        Add("shop_id", filter.ShopId);
        Add("from", filter.From is { } from ? Day(from) : null);
        Add("to", filter.To is { } to ? Day(to) : null);
        Add("min_retries", filter.MinRetries?.ToString(CultureInfo.InvariantCulture));
        return query;
    }
}
