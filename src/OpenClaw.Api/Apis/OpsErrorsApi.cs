using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenClaw.Api.Access;
using OpenClaw.Api.OpsErrors;
using OpenClaw.Grains.OpsErrors;

namespace OpenClaw.Api.Apis;

/// <summary>
/// <c>/api/v1/ops-errors</c>: the tenant's failed TikTok calls grouped by shop, endpoint and code (issue 10), read
/// straight from the Redis indexes the shop grains write, beside what the seller's own systems report
/// (<see cref="OpsErrorIngestApi"/>; filter <c>source</c>): search, summary, CSV export. A tenant sees only its own.
/// </summary>
public static class OpsErrorsApi
{
    /// <summary>Response header of the export: <c>true</c> when more groups matched than the export's row cap.</summary>
    public const string TruncatedHeader = "X-OpenClaw-Truncated";

    /// <summary>Maps the group (tenant keys with <c>read</c>; ingestion needs <c>write</c>).</summary>
    public static IEndpointRouteBuilder MapOpsErrorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/ops-errors").WithTags("OpsErrors").RequireAuthorization(ApiKeyAuthenticationExtensions.TenantRead);
        api.MapGet("/", ListAsync);
        api.MapGet("/summary", SummaryAsync);
        api.MapGet("/export.csv", Export).Produces(StatusCodes.Status200OK, contentType: "text/csv");
        api.MapOpsErrorIngest();
        return app;
    }

    /// <summary>Groups matching the filters, newest last seen first, paged by cursor.</summary>
    public static async Task<Results<Ok<OpsErrorPage>, ValidationProblem>> ListAsync(
        ClaimsPrincipal user, [AsParameters] OpsErrorQuery query, OpsErrorSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(search);
        var errors = query.Validate("limit");
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var (items, next) = await search.SearchAsync(user.TenantId()!, query.Filter, query.PageSize, query.After, cancellationToken);
        return TypedResults.Ok(new OpsErrorPage(items, next?.Encode()));
    }

    /// <summary>Occurrences and groups counted by code, endpoint, shop or HTTP status, with the same filters.</summary>
    public static async Task<Results<Ok<OpsErrorSummary>, ValidationProblem>> SummaryAsync(
        ClaimsPrincipal user, [AsParameters] OpsErrorQuery query, OpsErrorSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(search);
        var errors = query.Validate("by");
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var (counts, truncated) = await search.SummarizeAsync(user.TenantId()!, query.Filter, query.Dimension!.Value, cancellationToken);
        return TypedResults.Ok(new OpsErrorSummary(query.By!, counts, truncated));
    }

    /// <summary>
    /// The matching groups as a CSV attachment (streamed, newest first, at most <c>OpsErrors:ExportRowLimit</c> rows;
    /// <see cref="TruncatedHeader"/> says whether more matched), diagnosis and fix in <c>lang</c>.
    /// </summary>
    public static async Task<Results<PushStreamHttpResult, ValidationProblem>> Export(
        ClaimsPrincipal user, [AsParameters] OpsErrorQuery query, OpsErrorSearch search, HttpResponse response, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        var errors = query.Validate("lang");
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var tenantId = user.TenantId()!;
        var filter = query.Filter;
        var cap = search.RowLimit;
        response.Headers[TruncatedHeader] = await search.ExceedsAsync(tenantId, filter, cap, cancellationToken) ? "true" : "false";
        var name = $"ops-errors-{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}.csv";
        return TypedResults.Stream(
            stream => OpsErrorCsv.WriteAsync(stream, Take(search.ReadAllAsync(tenantId, filter, cancellationToken), cap), query.Chinese == true, cancellationToken),
            "text/csv; charset=utf-8", name);
    }

    private static async IAsyncEnumerable<OpsErrorRecord> Take(IAsyncEnumerable<OpsErrorRecord> records, int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (count <= 0)
        {
            yield break;
        }

        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            yield return record;
            if (--count == 0)
            {
                yield break;
            }
        }
    }
}
