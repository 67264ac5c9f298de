using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenClaw.Api.Access;
using OpenClaw.Api.Metrics;
using OpenClaw.Api.Shops;
using OpenClaw.Grains.Metrics.Queries;

namespace OpenClaw.Api.Apis;

/// <summary>
/// The metrics of docs/metrics.md over the day buckets the shop grains write, read straight from Redis
/// (<see cref="MetricsQuery"/>, pipelined; never a call to every grain): tenant overview, comparison (JSON and CSV),
/// one shop's daily series, health and reconciliation. Dates are shop-local <c>yyyy-MM-dd</c>; every shop's own local
/// days are summed (<c>day_boundary: shop-local</c>).
/// </summary>
public static class MetricsApi
{
    /// <summary>Maps the endpoints (tenant keys with <c>read</c>).</summary>
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var metrics = app.MapGroup("/api/v1/metrics").WithTags("Metrics").RequireAuthorization(ApiKeyAuthenticationExtensions.TenantRead);
        metrics.MapGet("/overview", OverviewAsync).Produces<MetricsOverview>(StatusCodes.Status200OK, "application/json");
        metrics.MapGet("/compare", CompareAsync).Produces<MetricsComparisonResponse>(StatusCodes.Status200OK, "application/json");
        metrics.MapGet("/compare.csv", CompareCsvAsync).Produces(StatusCodes.Status200OK, contentType: "text/csv");
        var shop = app.MapGroup("/api/v1/shops/{shopId}").WithTags("Metrics").RequireAuthorization(ApiKeyAuthenticationExtensions.TenantRead);
        shop.MapGet("/metrics", SeriesAsync);
        shop.MapGet("/health", HealthAsync);
        shop.MapGet("/reconciliation", ReconciliationAsync);
        return app;
    }

    /// <summary>
    /// The tenant's total and one page of its shops' sums over the range (<see cref="MetricsOverview"/>, <c>computed_at</c>
    /// first; <c>limit</c> 1–1,000, default 50, <c>cursor</c> from <c>next_cursor</c>): a shared result, at most
    /// <c>Api:Metrics:FreshFor</c> old when served as fresh and never older than <c>Api:Metrics:MaxStale</c>;
    /// <c>Age</c>/<c>Cache-Control</c> say how fresh (docs/api-guide.md "Freshness"). Every page of one result has the
    /// same <c>computed_at</c> and total.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ValidationProblem>> OverviewAsync(
        ClaimsPrincipal user, [AsParameters] MetricsRange range, [AsParameters] OverviewPage page, SharedMetrics metrics, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(metrics);
        var (from, to, errors) = range.Resolve(time);
        page.Validate(errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var snapshot = await metrics.OverviewAsync(user.TenantId()!, from, to, cancellationToken);
        return metrics.Respond(snapshot, metrics.OverviewPageBody(snapshot, page), response);
    }

    /// <summary>
    /// The tenant's shops grouped by <c>by</c> (region, warehouse, category, shop) with the tenant total
    /// (<see cref="MetricsComparison"/> with <c>computed_at</c> first; shared as the overview is).
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ValidationProblem>> CompareAsync(
        ClaimsPrincipal user, [AsParameters] MetricsRange range, [FromQuery] string? by, SharedMetrics metrics, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var (comparison, errors) = await CompareCoreAsync(user, range, by, metrics, time, cancellationToken);
        return comparison is null ? ApiProblems.Invalid(errors) : metrics.Respond(comparison, response);
    }

    /// <summary>
    /// The comparison as a CSV attachment for Excel (UTF-8 with BOM, CRLF, RFC 4180, formula-safe); the shared result
    /// of <see cref="CompareAsync"/>, its time in <c>X-Computed-At</c>.
    /// </summary>
    public static async Task<Results<PushStreamHttpResult, ValidationProblem>> CompareCsvAsync(
        ClaimsPrincipal user, [AsParameters] MetricsRange range, [FromQuery] string? by, SharedMetrics metrics, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var (snapshot, errors) = await CompareCoreAsync(user, range, by, metrics, time, cancellationToken);
        if (snapshot is null)
        {
            return ApiProblems.Invalid(errors);
        }

        metrics.SetFreshness(snapshot, response);
        var comparison = snapshot.Value;
        var name = $"compare-{comparison.By.ToString().ToLowerInvariant()}-{comparison.From:yyyyMMdd}-{comparison.To:yyyyMMdd}.csv";
        return TypedResults.Stream(s => MetricsCsv.WriteAsync(s, comparison, cancellationToken), "text/csv; charset=utf-8", name);
    }

    /// <summary>One shop's sums per shop-local day; 404 for a shop that is not the tenant's.</summary>
    public static Task<Results<Ok<ShopMetricsSeries>, ProblemHttpResult, ValidationProblem>> SeriesAsync(
        ClaimsPrincipal user, string shopId, [AsParameters] MetricsRange range, ShopCatalog catalog, MetricsQuery query, TimeProvider time) =>
        ForShopAsync(user, shopId, range, catalog, time,
            async (from, to) => new ShopMetricsSeries(shopId, from, to, await query.SeriesAsync(shopId, from, to)));

    /// <summary>The shop's health over its last 30 local days against TikTok's targets, with the reasons.</summary>
    public static async Task<Results<Ok<ShopHealth>, ProblemHttpResult>> HealthAsync(
        ClaimsPrincipal user, string shopId, ShopCatalog catalog, MetricsQuery query, TimeProvider time) =>
        await OwnsAsync(user, shopId, catalog)
            ? TypedResults.Ok(await query.HealthAsync(shopId, time.GetUtcNow()))
            : ApiProblems.NotFound("shop");

    /// <summary>OpenClaw's orders, GMV and refunds beside TikTok's shop performance per day, flagged beyond ±3 %.</summary>
    public static Task<Results<Ok<ShopReconciliation>, ProblemHttpResult, ValidationProblem>> ReconciliationAsync(
        ClaimsPrincipal user, string shopId, [AsParameters] MetricsRange range, ShopCatalog catalog, MetricsQuery query, TimeProvider time) =>
        ForShopAsync(user, shopId, range, catalog, time,
            async (from, to) => new ShopReconciliation(shopId, from, to, MetricsQuery.ReconciliationTolerance, await query.ReconcileAsync(shopId, from, to)));

    // A shop's date-range read: 404 unless the tenant owns the shop, 400 naming a bad parameter, else the read.
    private static async Task<Results<Ok<T>, ProblemHttpResult, ValidationProblem>> ForShopAsync<T>(
        ClaimsPrincipal user, string shopId, MetricsRange range, ShopCatalog catalog, TimeProvider time, Func<DateOnly, DateOnly, Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (!await OwnsAsync(user, shopId, catalog))
        {
            return ApiProblems.NotFound("shop");
        }

        var (from, to, errors) = range.Resolve(time);
        return errors.Count > 0 ? ApiProblems.Invalid(errors) : TypedResults.Ok(await read(from, to));
    }

    private static async Task<(MetricsSnapshot<MetricsComparison>? Comparison, Dictionary<string, string[]> Errors)> CompareCoreAsync(
        ClaimsPrincipal user, MetricsRange range, string? by, SharedMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        var (from, to, errors) = range.Resolve(time);
        var grouping = MetricsGrouping.Shop;
        if (by is not null && (!Enum.TryParse(by, ignoreCase: true, out grouping) || !Enum.IsDefined(grouping) || int.TryParse(by, out _)))
        {
            errors["by"] = ["by must be one of region, warehouse, category, shop."];
        }

        return errors.Count > 0 ? (null, errors) : (await metrics.CompareAsync(user.TenantId()!, from, to, grouping, cancellationToken), errors);
    }

    private static async Task<bool> OwnsAsync(ClaimsPrincipal user, string shopId, ShopCatalog catalog) =>
        ShopIds.IsValid(shopId) && await catalog.FindAsync(user.TenantId()!, shopId) is not null;
}
