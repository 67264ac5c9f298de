using System.Text.Json.Serialization;

namespace OpenClaw.Dashboard.Model;

/// <summary>An alert from <c>GET /api/v1/alerts</c> (inside <c>items</c>).</summary>
/// <param name="Fingerprint">Stable id of the alert (32 hex digits).</param>
/// <param name="Status">firing or resolved.</param>
/// <param name="Kind">metric or event.</param>
/// <param name="ShopId">Shop id.</param>
/// <param name="ShopName">Shop name.</param>
/// <param name="RuleId">Rule (<c>event.*</c> for events).</param>
/// <param name="Key">Metric or event key.</param>
/// <param name="Severity">info, warning, critical.</param>
/// <param name="ActiveSince">Start of the episode.</param>
/// <param name="FiredAt">When it fired.</param>
/// <param name="ResolvedAt">When it resolved, or null.</param>
/// <param name="Value">Value that fired it.</param>
/// <param name="Threshold">Threshold.</param>
/// <param name="Detail">Event detail.</param>
/// <param name="AcknowledgedBy">Key id that acknowledged it last.</param>
/// <param name="SilencedUntil">Silenced until.</param>
/// <param name="Category">health, sync, auth, listing or shop.</param>
/// <param name="AcknowledgedAt">When it was acknowledged.</param>
/// <param name="Subject">Product id or sync domain, or null.</param>
/// <param name="Audit">Acknowledgements and silences, oldest first.</param>
public sealed record AlertItem(
    string Fingerprint, string Status, string? Kind, string? ShopId, string? ShopName, string? RuleId, string? Key, string? Severity,
    DateTimeOffset? ActiveSince, DateTimeOffset? FiredAt, DateTimeOffset? ResolvedAt, double? Value, double? Threshold, string? Detail,
    string? AcknowledgedBy, DateTimeOffset? SilencedUntil, string? Category = null, DateTimeOffset? AcknowledgedAt = null,
    string? Subject = null, IReadOnlyList<AlertAuditItem>? Audit = null)
{
    /// <summary>
    /// The dashboard page of this alert, relative to the base: the link chat messages carry
    /// (<c>shops/{shop_id}/alerts/{fingerprint}</c>, see OpenClaw.Grains' AlertMessageComposer).
    /// </summary>
    public string DetailPath => $"shops/{Uri.EscapeDataString(ShopId ?? "")}/alerts/{Uri.EscapeDataString(Fingerprint)}";
}

/// <summary>One entry of an alert's audit trail.</summary>
/// <param name="Action"><c>acknowledged</c> or <c>silenced</c>.</param>
/// <param name="By">Who (user or API key name).</param>
/// <param name="At">When.</param>
/// <param name="Until">For a silence: its end.</param>
/// <param name="Comment">The operator's comment.</param>
public sealed record AlertAuditItem(string Action, string By, DateTimeOffset At, DateTimeOffset? Until, string? Comment);

/// <summary>Scope of a rule.</summary>
/// <param name="Kind">tenant, tag or shop.</param>
/// <param name="Value">Tag or shop id; null for tenant.</param>
public sealed record AlertScope(string Kind, string? Value);

/// <summary>An alert rule as <c>GET /api/v1/alerts/rules</c> lists it (inside <c>rules</c>).</summary>
/// <param name="RuleId">Id.</param>
/// <param name="MetricKey">Metric, e.g. <c>late_dispatch_rate</c>.</param>
/// <param name="Comparator">greater_than, greater_than_or_equal, less_than or less_than_or_equal.</param>
/// <param name="Threshold">Percent 0–100 for rates, seconds for lags.</param>
/// <param name="WindowSeconds">Window the metric is computed over.</param>
/// <param name="ForSeconds">How long the breach must last before firing.</param>
/// <param name="Severity">info, warning or critical.</param>
/// <param name="RecoveryThreshold">Recovery threshold, or null.</param>
/// <param name="Scope">Scope.</param>
/// <param name="Enabled">Enabled.</param>
public sealed record AlertRuleItem(
    string RuleId, string MetricKey, string Comparator, double Threshold, long WindowSeconds, long ForSeconds, string Severity,
    double? RecoveryThreshold, AlertScope? Scope, bool Enabled);

/// <summary>A notification channel (<c>GET /api/v1/channels</c>); URL and secret are never read back.</summary>
/// <param name="ChannelId">Id.</param>
/// <param name="Kind">we_com, ding_talk, feishu, slack, webhook, email.</param>
/// <param name="Name">Name.</param>
/// <param name="Language">Message language (english or simplified_chinese).</param>
/// <param name="TimeZone">Zone of times in messages.</param>
/// <param name="UrlHost">Host of the URL only.</param>
/// <param name="HasSecret">True when a secret is stored.</param>
public sealed record ChannelItem(string ChannelId, string Kind, string Name, string? Language, string? TimeZone, string? UrlHost = null, bool HasSecret = false);

/// <summary>What the operator enters to create or change a channel (<c>PUT /api/v1/channels/{channel_id}</c>).</summary>
/// <param name="Kind">Channel kind.</param>
/// <param name="Name">Name.</param>
/// <param name="Language">Message language.</param>
/// <param name="TimeZone">Zone of times in messages.</param>
/// <param name="Url">Robot or webhook URL (write only; null keeps the stored one).</param>
/// <param name="Secret">Signing secret (write only; null keeps the stored one).</param>
public sealed record ChannelInput(string Kind, string Name, string Language, string TimeZone, string? Url, string? Secret);

/// <summary>The answer of <c>POST /api/v1/channels/{channel_id}/test</c>.</summary>
/// <param name="Outcome">delivered, rate_limited or failed.</param>
/// <param name="Error">What went wrong, or null.</param>
public sealed record ChannelTestResult(string Outcome, string? Error)
{
    /// <summary>True when the receiver took the message.</summary>
    public bool Delivered => Outcome == "delivered";
}

/// <summary>One group of failed TikTok calls (<c>GET /api/v1/ops-errors</c>, inside <c>items</c>): same shop, endpoint and code.</summary>
/// <param name="ShopId">Shop.</param>
/// <param name="Endpoint">TikTok API path template.</param>
/// <param name="Code">Error catalogue key (TikTok's code or a pseudo-key such as <c>http_503</c>).</param>
/// <param name="TikTokCode">TikTok's envelope code of the latest occurrence.</param>
/// <param name="HttpStatus">HTTP status of the latest occurrence.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Message">TikTok's message of the latest occurrence.</param>
/// <param name="RequestId">TikTok's request id of the latest occurrence.</param>
/// <param name="Category">The catalogue's category.</param>
/// <param name="FirstSeen">First occurrence.</param>
/// <param name="LastSeen">Latest occurrence.</param>
/// <param name="Occurrences">Calls that failed this way.</param>
/// <param name="Recovered">Of those, calls a retry made succeed.</param>
/// <param name="MaxRetries">Most retries one call needed.</param>
/// <param name="LastRetries">Retries of the latest occurrence.</param>
/// <param name="DiagnosisEn">What happened, in English.</param>
/// <param name="FixEn">What to do, in English.</param>
/// <param name="DiagnosisZh">What happened, in Chinese.</param>
/// <param name="FixZh">What to do, in Chinese.</param>
/// <param name="GroupId">The group's id.</param>
public sealed record OpsErrorItem(
    string ShopId, string Endpoint, string Code, [property: JsonPropertyName("tiktok_code")] string? TikTokCode, int? HttpStatus, string? Method,
    string? Message, string? RequestId, string? Category, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Occurrences, long Recovered,
    int MaxRetries, int LastRetries, string? DiagnosisEn, string? FixEn, string? DiagnosisZh, string? FixZh, string? GroupId = null)
{
    /// <summary>The diagnosis in Chinese (<paramref name="chinese"/>) or English, falling back to the other.</summary>
    public string? Diagnosis(bool chinese) => chinese ? DiagnosisZh ?? DiagnosisEn : DiagnosisEn ?? DiagnosisZh;

    /// <summary>The fix in Chinese (<paramref name="chinese"/>) or English, falling back to the other.</summary>
    public string? Fix(bool chinese) => chinese ? FixZh ?? FixEn : FixEn ?? FixZh;
}

/// <summary>Filters of the ops error search (the page keeps them in its own query string).</summary>
/// <param name="Code">Error catalogue key.</param>
/// <param name="HttpStatus">HTTP status.</param>
/// <param name="Endpoint">API path.</param>
/// <param name="ShopId">Shop.</param>
/// <param name="From">Last seen on or after this UTC day.</param>
/// <param name="To">Last seen on or before this UTC day.</param>
/// <param name="MinRetries">Least retries.</param>
public sealed record OpsErrorFilter(string? Code, int? HttpStatus, string? Endpoint, string? ShopId, DateOnly? From, DateOnly? To, int? MinRetries);

/// <summary>One line of <c>GET /api/v1/ops-errors/summary</c> (inside <c>items</c>).</summary>
/// <param name="Key">Code, endpoint, shop id or HTTP status.</param>
/// <param name="Groups">Error groups.</param>
/// <param name="Occurrences">Failed calls.</param>
/// <param name="LastSeen">Latest occurrence.</param>
public sealed record OpsErrorCount(string Key, long Groups, long Occurrences, DateTimeOffset? LastSeen);

/// <summary>A page of a list.</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">Items.</param>
/// <param name="NextCursor">Next page's cursor, or null.</param>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? NextCursor);
