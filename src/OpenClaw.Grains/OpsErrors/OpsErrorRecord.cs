using System.Collections.Frozen;
using System.Globalization;
using OpenClaw.TikTokShop.Errors;
using StackExchange.Redis;

namespace OpenClaw.Grains.OpsErrors;

/// <summary>
/// One group of failed TikTok calls: same shop, endpoint and error catalogue key. The latest occurrence's details,
/// the counts since the group was first seen within retention, and the catalogue's diagnosis and fix in English and
/// Chinese (looked up when read, so a better catalogue text reaches old records too).
/// </summary>
/// <param name="ShopId">TikTok shop id.</param>
/// <param name="Endpoint">API path template, e.g. <c>/order/202309/orders/search</c>; <c>/api/v2/token/refresh</c> for token refreshes.</param>
/// <param name="Code">Error catalogue key: TikTok's code (<c>36009003</c>) or a pseudo-key (<c>http_503</c>, <c>bad_response</c>, <c>timeout</c>).</param>
/// <param name="TikTokCode">TikTok's envelope code of the latest occurrence, or null (no envelope).</param>
/// <param name="HttpStatus">HTTP status of the latest occurrence, or null when no answer arrived.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Message">TikTok's message (or the client's description) of the latest occurrence, redacted.</param>
/// <param name="RequestId">TikTok's request id of the latest occurrence, when one was returned.</param>
/// <param name="Category">The catalogue's category (rate_limit, server, auth, …).</param>
/// <param name="FirstSeen">First occurrence within retention (UTC).</param>
/// <param name="LastSeen">Latest occurrence (UTC).</param>
/// <param name="Occurrences">Calls that failed this way (final failures and recovered ones).</param>
/// <param name="Recovered">Of <see cref="Occurrences"/>, calls a later retry made succeed.</param>
/// <param name="MaxRetries">Most retries one of these calls needed.</param>
/// <param name="LastRetries">Retries of the latest occurrence.</param>
/// <param name="RequestExcerpt">Method, path, query and body start of the latest occurrence, redacted and truncated.</param>
/// <param name="ResponseExcerpt">Body start of the latest occurrence's answer, redacted and truncated; null without a body.</param>
/// <param name="DiagnosisEn">What happened, in English (error catalogue).</param>
/// <param name="FixEn">What to do, in English.</param>
/// <param name="DiagnosisZh">What happened, in Chinese.</param>
/// <param name="FixZh">What to do, in Chinese.</param>
/// <param name="Source">Who reported it: <c>openclaw</c> (OpenClaw's own calls) or <c>seller</c> (the seller's ERP, OMS or middleware).</param>
/// <param name="ResponseHeaders">The latest occurrence's response headers as <c>Name: value</c> lines, credentials masked; seller reports only.</param>
public sealed record OpsErrorRecord(
    string ShopId, string Endpoint, string Code, [property: System.Text.Json.Serialization.JsonPropertyName("tiktok_code")] int? TikTokCode,
    int? HttpStatus, string Method, string Message, string? RequestId,
    string Category, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Occurrences, long Recovered, int MaxRetries, int LastRetries,
    string? RequestExcerpt, string? ResponseExcerpt, string? DiagnosisEn, string? FixEn, string? DiagnosisZh, string? FixZh,
    string Source = OpsErrorSources.OpenClaw, string? ResponseHeaders = null)
{
    private static readonly FrozenDictionary<string, ErrorCatalogueEntry> Catalogue =
        ErrorCatalogue.Entries.ToFrozenDictionary(e => e.Key, StringComparer.Ordinal);

    /// <summary>The group id (<see cref="OpsErrorKeys.GroupId"/>).</summary>
    public string GroupId => OpsErrorKeys.GroupId(ShopId, Endpoint, Code, Source);

    /// <summary>Reads a group's hash; null when it has expired (empty) or lacks its identity.</summary>
    public static OpsErrorRecord? FromHash(HashEntry[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var map = fields.ToDictionary(f => f.Name.ToString(), f => f.Value, StringComparer.Ordinal);
        string? Text(string name) => map.TryGetValue(name, out var v) && !v.IsNullOrEmpty ? v.ToString() : null;
        long Number(string name) => long.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        int? Optional(string name) => int.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

        if (Text(Fields.Shop) is not { } shop || Text(Fields.Endpoint) is not { } endpoint || Text(Fields.Code) is not { } code)
        {
            return null;
        }

        // A seller's unknown code is its own group (code = the raw code); the entry that explains it is stored beside.
        Catalogue.TryGetValue(Text(Fields.Entry) ?? code, out var entry);
        return new OpsErrorRecord(shop, endpoint, code, Optional(Fields.TikTokCode), Optional(Fields.HttpStatus), Text(Fields.Method) ?? "GET",
            Text(Fields.Message) ?? "", Text(Fields.RequestId), Text(Fields.Category) ?? entry?.Category.ToString() ?? "",
            DateTimeOffset.FromUnixTimeMilliseconds(Number(Fields.FirstSeen)), DateTimeOffset.FromUnixTimeMilliseconds(Number(Fields.LastSeen)),
            Number(Fields.Occurrences), Number(Fields.Recovered), (int)Math.Max(0, Number(Fields.MaxRetries)), (int)Number(Fields.LastRetries),
            Text(Fields.RequestExcerpt), Text(Fields.ResponseExcerpt), entry?.DiagnosisEn, entry?.FixEn, entry?.DiagnosisZh, entry?.FixZh,
            Text(Fields.Source) ?? OpsErrorSources.OpenClaw, Text(Fields.ResponseHeaders));
    }

    /// <summary>Hash field names (shared by the writer's script and the reader).</summary>
    internal static class Fields
    {
        public const string Shop = "shop_id";
        public const string Endpoint = "endpoint";
        public const string Code = "code";
        public const string TikTokCode = "tiktok_code";
        public const string HttpStatus = "http_status";
        public const string Method = "method";
        public const string Message = "message";
        public const string RequestId = "request_id";
        public const string Category = "category";
        public const string FirstSeen = "first_seen";
        public const string LastSeen = "last_seen";
        public const string Occurrences = "occurrences";
        public const string Recovered = "recovered";
        public const string MaxRetries = "max_retries";
        public const string LastRetries = "last_retries";
        public const string RequestExcerpt = "request_excerpt";
        public const string ResponseExcerpt = "response_excerpt";
        public const string ResponseHeaders = "response_headers";
        public const string Source = "source";
        public const string Entry = "entry";
    }
}
