using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Errors;
using StackExchange.Redis;
using F = OpenClaw.Grains.OpsErrors.OpsErrorRecord.Fields;

namespace OpenClaw.Grains.OpsErrors;

/// <summary>
/// A failed TikTok call or webhook callback that a seller's own ERP, OMS or middleware reports (issue 15), as the API
/// accepted it: the shop is the tenant's, every text within its bounds, the time inside the retention window.
/// Unredacted: <see cref="SellerErrorIntake"/> redacts before anything is stored.
/// </summary>
/// <param name="ShopId">TikTok shop id (one of the reporting tenant's shops).</param>
/// <param name="Endpoint">API path (template or concrete, query cut off), or the seller's webhook callback path.</param>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="HttpStatus">HTTP status of the answer; null when none arrived (network, timeout).</param>
/// <param name="Code">TikTok's envelope code; null or 0 when there was none.</param>
/// <param name="Message">TikTok's (or the middleware's) message.</param>
/// <param name="RequestId">TikTok's request id, when one was returned.</param>
/// <param name="RequestPayload">What was sent (method, URL, body) as text.</param>
/// <param name="ResponsePayload">The answer's body as text.</param>
/// <param name="ResponseHeaders">The answer's headers (names in any case).</param>
/// <param name="RetryCount">Retries the seller's system made for this call.</param>
/// <param name="OccurredAt">When the (last attempt of the) call failed.</param>
public sealed record ReportedFailure(
    string ShopId, string Endpoint, string Method, int? HttpStatus, int? Code, string Message, string? RequestId,
    string? RequestPayload, string? ResponsePayload, IReadOnlyDictionary<string, string>? ResponseHeaders, int RetryCount, DateTimeOffset OccurredAt);

/// <summary>Where a reported failure went: its group and how the catalogue classified it.</summary>
/// <param name="GroupId">The group (<see cref="OpsErrorKeys.GroupId"/>, source <c>seller</c>).</param>
/// <param name="Code">The group's code: the catalogue key, or the raw TikTok code when the catalogue does not know it.</param>
/// <param name="Entry">The catalogue entry that explains it.</param>
public sealed record ReportedFailureGroup(string GroupId, string Code, ErrorCatalogueEntry Entry);

/// <summary>
/// Stores seller-reported failures beside OpenClaw's own ops errors, in the same groups' shape and indexes, marked
/// <c>source = seller</c> (own groups, own index <c>src:seller</c>). On arrival: the message, payloads and headers are
/// redacted (<see cref="ExcerptRedactor"/>: tokens, secrets, signatures, credentials, buyer PII), and each failure is
/// classified by the same error catalogue as OpenClaw's calls from code, HTTP status, message and headers together
/// (<see cref="ErrorCatalogue.Resolve(int?, int?, string?, IReadOnlyDictionary{string, string}?)"/>). A code the
/// catalogue does not know keeps its own group (code = the raw code) with its raw, redacted message. Written by the API,
/// not a shop grain: these groups are never the grain's, and each write is one atomic script (<see cref="OpsErrorWrite"/>).
/// </summary>
public sealed class SellerErrorIntake(IConnectionMultiplexer redis, IOptions<OpsErrorOptions> options, TimeProvider time)
{
    private static readonly Meter Meter = new(OpsErrorBook.MeterName);
    private static readonly Counter<long> Reported = Meter.CreateCounter<long>("openclaw.ops_errors.reported", "{call}", "Failed calls reported by sellers' own systems and stored (tag: error code)");

    /// <summary>The oldest occurrence time accepted (older ones would fall out of retention at once).</summary>
    public DateTimeOffset OldestAccepted => time.GetUtcNow() - options.Value.Retention;

    /// <summary>The group a failure goes to and the entry explaining it.</summary>
    public static ReportedFailureGroup Classify(ReportedFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var entry = ErrorCatalogue.Resolve(failure.Code, failure.HttpStatus, failure.Message, failure.ResponseHeaders);
        var code = entry.Code is null && failure.Code is { } raw and not 0 && !ErrorCatalogue.Contains(raw)
            ? raw.ToString(CultureInfo.InvariantCulture)
            : entry.Key;
        return new ReportedFailureGroup(OpsErrorKeys.GroupId(failure.ShopId, failure.Endpoint, code, OpsErrorSources.Seller), code, entry);
    }

    /// <summary>Redacts, classifies and stores every failure (pipelined, one script each); their groups in the order given.</summary>
    /// <exception cref="RedisException">The store is unavailable (nothing is promised stored then).</exception>
    public async Task<IReadOnlyList<ReportedFailureGroup>> RecordAsync(string tenantId, IReadOnlyList<ReportedFailure> failures)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(failures);
        var o = options.Value;
        var db = redis.GetDatabase();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var groups = failures.Select(Classify).ToList();
        var writes = failures.Select((f, i) => Write(db, o, tenantId, f, groups[i], now)).ToList();
        await Task.WhenAll(writes).ConfigureAwait(false);
        foreach (var g in groups)
        {
            Reported.Add(1, new KeyValuePair<string, object?>("error.code", g.Entry.Key));
        }

        return groups;
    }

    private static Task<RedisResult> Write(IDatabaseAsync db, OpsErrorOptions o, string tenantId, ReportedFailure f, ReportedFailureGroup g, long now)
    {
        var at = f.OccurredAt.ToUnixTimeMilliseconds();
        string[] indexes =
        [
            OpsErrorKeys.All(tenantId), OpsErrorKeys.Code(tenantId, g.Code), OpsErrorKeys.HttpStatus(tenantId, f.HttpStatus),
            OpsErrorKeys.Endpoint(tenantId, f.Endpoint), OpsErrorKeys.Shop(tenantId, f.ShopId), OpsErrorKeys.Source(tenantId, OpsErrorSources.Seller),
        ];
        RedisValue[] fields =
        [
            F.Shop, f.ShopId, F.Endpoint, f.Endpoint, F.Code, g.Code, F.Entry, g.Entry.Key, F.Source, OpsErrorSources.Seller, F.Method, f.Method,
            F.TikTokCode, f.Code is { } c and not 0 ? c.ToString(CultureInfo.InvariantCulture) : "",
            F.HttpStatus, f.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "",
            F.Message, ExcerptRedactor.Redact(f.Message, o.ExcerptLength), F.RequestId, ExcerptRedactor.Redact(f.RequestId, o.ExcerptLength) ?? "",
            F.Category, JsonNamingPolicy.SnakeCaseLower.ConvertName(g.Entry.Category.ToString()),
            F.LastSeen, at, F.LastRetries, f.RetryCount,
            F.RequestExcerpt, ExcerptRedactor.Redact(f.RequestPayload, o.ExcerptLength) ?? "",
            F.ResponseExcerpt, ExcerptRedactor.Redact(f.ResponsePayload, o.ExcerptLength) ?? "",
            F.ResponseHeaders, ExcerptRedactor.RedactHeaders(f.ResponseHeaders, o.ExcerptLength) ?? "",
        ];
        return OpsErrorWrite.RecordAsync(db, o, tenantId, g.GroupId, indexes, at, now, f.RetryCount, recovered: false, fields);
    }
}
