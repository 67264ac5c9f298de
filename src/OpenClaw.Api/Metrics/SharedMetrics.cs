using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpenClaw.Grains.Metrics.Queries;
using OpenClaw.Grains.ReadModels;

namespace OpenClaw.Api.Metrics;

/// <summary>
/// The tenant-wide metrics reads (overview, comparison) through <see cref="MetricsSnapshots"/>: computed once per
/// (tenant, range, grouping) for every concurrent reader and reused while fresh; the JSON body carries
/// <c>computed_at</c> and the response <c>Age</c>, <c>Cache-Control</c>, <c>Last-Modified</c> and <c>ETag</c>.
/// </summary>
public sealed class SharedMetrics(MetricsSnapshots snapshots, MetricsQuery query, TenantIndex tenants, TimeProvider time,
    IOptions<JsonOptions> json, IOptions<MetricsCacheOptions> options)
{
    /// <summary>The tenant's total and each shop's sums over the shop-local range (shared result).</summary>
    public Task<MetricsSnapshot<MetricsOverview>> OverviewAsync(string tenantId, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        snapshots.GetAsync(tenantId, Invariant($"overview|{from:yyyy-MM-dd}|{to:yyyy-MM-dd}"), async () =>
        {
            var shopIds = await tenants.ReadAsync(tenantId).ConfigureAwait(false);
            if (shopIds.Count == 0)
            {
                return new MetricsOverview(from, to, MetricsQuery.ShopLocal, MetricsQuery.Empty, []);
            }

            var overview = await query.OverviewAsync(shopIds, from, to).ConfigureAwait(false);
            return new MetricsOverview(from, to, MetricsQuery.ShopLocal, overview.Total, overview.Shops);
        }, Serialize, cancellationToken);

    /// <summary>The tenant's shops grouped <paramref name="by"/> with the total (shared result).</summary>
    public Task<MetricsSnapshot<MetricsComparison>> CompareAsync(string tenantId, DateOnly from, DateOnly to, MetricsGrouping by,
        CancellationToken cancellationToken) =>
        snapshots.GetAsync(tenantId, Invariant($"compare|{by}|{from:yyyy-MM-dd}|{to:yyyy-MM-dd}"), async () =>
        {
            var shopIds = await tenants.ReadAsync(tenantId).ConfigureAwait(false);
            return shopIds.Count == 0
                ? new MetricsComparison(by, from, to, MetricsQuery.ShopLocal, [], MetricsQuery.Empty)
                : await query.CompareAsync(shopIds, from, to, by).ConfigureAwait(false);
        }, Serialize, cancellationToken);

    /// <summary>
    /// The JSON response of a shared result: its body (gzip-compressed once per result when the client accepts gzip),
    /// <c>Age</c> (whole seconds since <c>computed_at</c>), <c>Cache-Control: private, max-age</c> (seconds it stays
    /// fresh), <c>Last-Modified</c> and an <c>ETag</c> (so <c>If-None-Match</c> answers 304).
    /// </summary>
    public FileContentHttpResult Respond<T>(MetricsSnapshot<T> snapshot, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(response);
        SetFreshness(snapshot, response);
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        var gzip = response.HttpContext.Request.GetTypedHeaders().AcceptEncoding
            .Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is not 0);
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        var tag = new EntityTagHeaderValue(Invariant($"\"{snapshot.ComputedAt.UtcTicks:x}{(gzip ? "-gz" : "")}\""));
        return TypedResults.Bytes(gzip ? snapshot.GzipJson : snapshot.Json, "application/json; charset=utf-8", lastModified: snapshot.ComputedAt, entityTag: tag);
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

    // The value's JSON with "computed_at" as its first field.
    private byte[] Serialize<T>(T value, DateTimeOffset computedAt)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, json.Value.SerializerOptions);
        var head = Encoding.UTF8.GetBytes("{\"computed_at\":" + JsonSerializer.Serialize(computedAt, json.Value.SerializerOptions) + (body.Length > 2 ? "," : ""));
        var result = new byte[head.Length + body.Length - 1];
        head.CopyTo(result, 0);
        body.AsSpan(1).CopyTo(result.AsSpan(head.Length));
        return result;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
