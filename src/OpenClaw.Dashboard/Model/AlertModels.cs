namespace OpenClaw.Dashboard.Model;

/// <summary>An alert from <c>GET /api/v1/alerts</c>.</summary>
/// <param name="Fingerprint">Stable id of the alert.</param>
/// <param name="Status">firing or resolved.</param>
/// <param name="Kind">metric or event.</param>
/// <param name="ShopId">Shop id.</param>
/// <param name="ShopName">Shop name.</param>
/// <param name="RuleId">Rule.</param>
/// <param name="Key">Metric or event key.</param>
/// <param name="Severity">info, warning, critical.</param>
/// <param name="ActiveSince">Start of pending.</param>
/// <param name="FiredAt">When it fired.</param>
/// <param name="EndsAt">When it resolved.</param>
/// <param name="Value">Value that fired it.</param>
/// <param name="Threshold">Threshold.</param>
/// <param name="Detail">Event detail.</param>
/// <param name="AcknowledgedBy">Who acknowledged it.</param>
/// <param name="SilencedUntil">Silenced until.</param>
public sealed record AlertItem(
    string Fingerprint, string Status, string? Kind, string? ShopId, string? ShopName, string? RuleId, string? Key, string? Severity,
    DateTimeOffset? ActiveSince, DateTimeOffset? FiredAt, DateTimeOffset? EndsAt, double? Value, double? Threshold, string? Detail,
    string? AcknowledgedBy, DateTimeOffset? SilencedUntil);

/// <summary>Scope of a rule.</summary>
/// <param name="Kind">tenant, tag or shop.</param>
/// <param name="Value">Tag or shop id.</param>
public sealed record AlertScope(string Kind, string? Value);

/// <summary>An alert rule (<c>/api/v1/alert-rules</c>).</summary>
/// <param name="RuleId">Id.</param>
/// <param name="MetricKey">Metric.</param>
/// <param name="Comparator">Comparator.</param>
/// <param name="Threshold">Threshold.</param>
/// <param name="Window">Window as the API writes it.</param>
/// <param name="For">For-duration as the API writes it.</param>
/// <param name="Severity">Severity.</param>
/// <param name="RecoveryThreshold">Recovery threshold.</param>
/// <param name="Scope">Scope.</param>
/// <param name="Enabled">Enabled.</param>
public sealed record AlertRuleItem(
    string RuleId, string MetricKey, string Comparator, double Threshold, string? Window, string? For, string Severity,
    double? RecoveryThreshold, AlertScope? Scope, bool Enabled);

/// <summary>A notification channel (<c>/api/v1/channels</c>); URL and secret are never read back.</summary>
/// <param name="ChannelId">Id.</param>
/// <param name="Kind">wecom, dingtalk, feishu, slack, webhook, email.</param>
/// <param name="Name">Name.</param>
/// <param name="Language">Message language.</param>
/// <param name="TimeZone">Zone of times in messages.</param>
public sealed record ChannelItem(string ChannelId, string Kind, string Name, string? Language, string? TimeZone);

/// <summary>What the operator enters to create or change a channel.</summary>
/// <param name="Kind">Channel kind.</param>
/// <param name="Name">Name.</param>
/// <param name="Language">Message language.</param>
/// <param name="TimeZone">Zone of times in messages.</param>
/// <param name="Url">Robot or webhook URL (write only).</param>
/// <param name="Secret">Signing secret (write only).</param>
public sealed record ChannelInput(string Kind, string Name, string Language, string TimeZone, string? Url, string? Secret);

/// <summary>An ops error record (<c>GET /api/v1/ops-errors</c>).</summary>
/// <param name="Id">Record id.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="ShopId">Shop.</param>
/// <param name="Endpoint">TikTok API path.</param>
/// <param name="HttpStatus">HTTP status.</param>
/// <param name="Code">TikTok's code.</param>
/// <param name="Message">TikTok's message.</param>
/// <param name="RetryCount">Retries.</param>
/// <param name="RequestId">TikTok's request id.</param>
/// <param name="Diagnosis">Plain-language diagnosis (in the asked language).</param>
/// <param name="Fix">What to do.</param>
public sealed record OpsErrorItem(
    string Id, DateTimeOffset OccurredAt, string? ShopId, string? Endpoint, int? HttpStatus, string? Code, string? Message,
    int RetryCount, string? RequestId, string? Diagnosis, string? Fix);

/// <summary>Filters of the ops error search, mirrored in the query string.</summary>
/// <param name="Code">TikTok code.</param>
/// <param name="HttpStatus">HTTP status.</param>
/// <param name="Endpoint">API path.</param>
/// <param name="ShopId">Shop.</param>
/// <param name="From">From (inclusive).</param>
/// <param name="To">To.</param>
/// <param name="MinRetries">Least retries.</param>
public sealed record OpsErrorFilter(string? Code, int? HttpStatus, string? Endpoint, string? ShopId, DateOnly? From, DateOnly? To, int? MinRetries);

/// <summary>One count of <c>GET /api/v1/ops-errors/summary</c>.</summary>
/// <param name="Key">Code, endpoint, shop or status.</param>
/// <param name="Count">Records.</param>
public sealed record CountByKey(string Key, long Count);

/// <summary>A page of a list.</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">Items.</param>
/// <param name="NextCursor">Next page's cursor, or null.</param>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? NextCursor);
