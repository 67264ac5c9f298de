using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpenClaw.Grains.Metrics.Queries;
using OpenClaw.Grains.ReadModels;

namespace OpenClaw.Api.Metrics;

/// <summary>A computed tenant overview, shared by every page served from it.</summary>
/// <param name="From">First shop-local date.</param>
/// <param name="To">Last shop-local date (inclusive).</param>
/// <param name="Total">Every shop together.</param>
/// <param name="Shops">Each shop's sums, ordered by shop id (ordinal).</param>
/// <param name="Sums">Each shop's sums with the version of its buckets, for the next refresh to reuse (empty without shops).</param>
public sealed record OverviewResult(DateOnly From, DateOnly To, MetricSummary Total, IReadOnlyList<ShopMetrics> Shops,
    IReadOnlyDictionary<string, ShopRangeSums> Sums);

/// <summary>
/// The tenant-wide metrics reads (overview, comparison) through <see cref="MetricsSnapshots"/>: computed once per
/// (tenant, range, grouping) for every concurrent reader and reused while fresh; the JSON body carries
/// <c>computed_at</c> and the response <c>Age</c>, <c>Cache-Control</c>, <c>Last-Modified</c> and <c>ETag</c>.
/// </summary>
public sealed class SharedMetrics(MetricsSnapshots snapshots, MetricsQuery query, TenantIndex tenants, TimeProvider time,
    IOptions<JsonOptions> json, IOptions<MetricsCacheOptions> options)
{
    /// <summary>
    /// The tenant's total and each shop's sums over the shop-local range (shared result; shops ordered by id, so a
    /// page is the shops after a cursor's id). A refresh re-reads only the shops whose buckets were written since the
    /// result it replaces, if that result was computed the same UTC day (buckets expire at UTC midnight without a write).
    /// </summary>
    public Task<MetricsSnapshot<OverviewResult>> OverviewAsync(string tenantId, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        snapshots.GetAsync<OverviewResult>(tenantId, Invariant($"overview|{from:yyyy-MM-dd}|{to:yyyy-MM-dd}"), async previous =>
        {
            var shopIds = await tenants.ReadAsync(tenantId).ConfigureAwait(false);
            if (shopIds.Count == 0)
            {
                return new OverviewResult(from, to, MetricsQuery.Empty, [], new Dictionary<string, ShopRangeSums>());
            }

            var reuse = previous is not null && previous.ComputedAt.UtcDateTime.Date == time.GetUtcNow().UtcDateTime.Date ? previous.Value.Sums : null;
            var overview = await query.OverviewAsync(shopIds, from, to, reuse).ConfigureAwait(false);
            return new OverviewResult(from, to, overview.Total, [.. overview.Shops.OrderBy(s => s.ShopId, StringComparer.Ordinal)], overview.Sums);
        }, Serialize, cancellationToken);

    /// <summary>One page of a shared overview: the tenant total and the shops after the page's cursor (made once per result and page).</summary>
    public SharedBody OverviewPageBody(MetricsSnapshot<OverviewResult> snapshot, OverviewPage page)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(page);
        return snapshot.View(page.ViewKey, (result, computedAt) =>
        {
            // Shops are ordered by id: the page starts after the last one not after the cursor's id.
            var start = page.After is { } after ? result.Shops.TakeWhile(s => string.CompareOrdinal(s.ShopId, after) <= 0).Count() : 0;

            var count = Math.Min(page.Size, result.Shops.Count - start);
            var shops = result.Shops.Skip(start).Take(count).ToList();
            var next = start + count < result.Shops.Count && count > 0 ? OverviewPage.CursorAfter(shops[^1].ShopId) : null;
            return JsonSerializer.SerializeToUtf8Bytes(
                new MetricsOverview(computedAt, result.From, result.To, MetricsQuery.ShopLocal, result.Total, result.Shops.Count, shops, next),
                json.Value.SerializerOptions);
        });
    }

    /// <summary>The tenant's shops grouped <paramref name="by"/> with the total (shared result).</summary>
    public Task<MetricsSnapshot<MetricsComparison>> CompareAsync(string tenantId, DateOnly from, DateOnly to, MetricsGrouping by,
        CancellationToken cancellationToken) =>
        snapshots.GetAsync(tenantId, Invariant($"compare|{by}|{from:yyyy-MM-dd}|{to:yyyy-MM-dd}"), async () =>
        {
            var shopIds = await tenants.ReadAsync(tenantId).ConfigureAwait(false);
            return shopIds.Count == 0
                ? new MetricsComparison(by, from, to, MetricsQuery.ShopLocal, [], MetricsQuery.Empty)
                : await query.CompareAsync(shopIds, from, to, by).ConfigureAwait(false);
        }, (comparison, computedAt) => JsonSerializer.SerializeToUtf8Bytes(MetricsComparisonResponse.Of(comparison, computedAt), json.Value.SerializerOptions),
        cancellationToken);

    /// <summary>
    /// The JSON response of a shared result: its body (gzip-compressed once per result when the client accepts gzip),
    /// <c>Age</c> (whole seconds since <c>computed_at</c>), <c>Cache-Control: private, max-age</c> (seconds it stays
    /// fresh), <c>Last-Modified</c> and an <c>ETag</c> (so <c>If-None-Match</c> answers 304).
    /// </summary>
    public FileContentHttpResult Respond<T>(MetricsSnapshot<T> snapshot, HttpResponse response) =>
        Respond(snapshot, snapshot?.Body ?? throw new ArgumentNullException(nameof(snapshot)), response);

    /// <summary>As <see cref="Respond{T}(MetricsSnapshot{T}, HttpResponse)"/> with <paramref name="body"/>, a view of the result.</summary>
    public FileContentHttpResult Respond(IMetricsSnapshot snapshot, SharedBody body, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(response);
        SetFreshness(snapshot, response);
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        var gzip = response.HttpContext.Request.GetTypedHeaders().AcceptEncoding
            .Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is not 0);
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        var tag = new EntityTagHeaderValue(Invariant($"\"{snapshot.ComputedAt.UtcTicks:x}{body.Tag}{(gzip ? "-gz" : "")}\""));
        return TypedResults.Bytes(gzip ? body.GzipJson : body.Json, "application/json; charset=utf-8", lastModified: snapshot.ComputedAt, entityTag: tag);
    }

    /// <summary>Sets <c>Age</c>, <c>Cache-Control</c> and <c>X-Computed-At</c> (ISO 8601) for a shared result.</summary>
    public void SetFreshness(IMetricsSnapshot snapshot, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(response);
        var age = time.GetUtcNow() - snapshot.ComputedAt;
        var fresh = options.Value.FreshFor - age;
        response.Headers.Age = Invariant($"{Math.Max(0, (long)age.TotalSeconds)}");
        response.Headers.CacheControl = Invariant($"private, max-age={Math.Max(0, (long)fresh.TotalSeconds)}");
        response.Headers[ComputedAtHeader] = snapshot.ComputedAt.ToString("O", CultureInfo.InvariantCulture);
    }

    /// <summary>The header naming when a shared result was computed (for CSV, which has no <c>computed_at</c> field).</summary>
    public const string ComputedAtHeader = "X-Computed-At";

    // The whole overview as one page (the view every page is cut from, kept for callers that want everything).
    private byte[] Serialize(OverviewResult result, DateTimeOffset computedAt) => JsonSerializer.SerializeToUtf8Bytes(
        new MetricsOverview(computedAt, result.From, result.To, MetricsQuery.ShopLocal, result.Total, result.Shops.Count, result.Shops, null),
        json.Value.SerializerOptions);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
