using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenClaw.Api.Access;
using OpenClaw.Api.Audit;
using OpenClaw.Api.Extensions;
using OpenClaw.Api.Metrics;
using OpenClaw.Api.Model;
using OpenClaw.Api.Shops;
using OpenClaw.Grains.OpsErrors;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Tenants;

namespace OpenClaw.Api.Apis;

/// <summary><c>/api/v1/shops</c>: connect, list, inspect, change, sync and disconnect the tenant's shops.</summary>
public static class ShopsApi
{
    /// <summary>Maps the group (tenant keys: <c>read</c> to look, <c>write</c> to change).</summary>
    public static IEndpointRouteBuilder MapShopsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/shops").WithTags("Shops").RequireAuthorization(ApiKeyAuthenticationExtensions.TenantRead);
        api.MapGet("/authorize", AuthorizeAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite);
        api.MapPost("/", ConnectWithTokensAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite).WithIdempotency().InvalidatesTenantMetrics();
        api.MapGet("/", ListAsync);
        api.MapGet("/{shopId}", GetAsync);
        api.MapPatch("/{shopId}", UpdateAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite).InvalidatesTenantMetrics();
        api.MapPost("/{shopId}/sync", SyncNowAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite).WithIdempotency();
        api.MapPost("/{shopId}/backfill", BackfillAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite).WithIdempotency();
        api.MapDelete("/{shopId}", DisconnectAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite).InvalidatesTenantMetrics();
        return app;
    }

    /// <summary>The TikTok consent link for a seller, with a signed state naming the tenant (valid 30 minutes, once).</summary>
    public static Ok<ConsentLink> AuthorizeAsync(ClaimsPrincipal user, [AsParameters] ShopApiServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var state = services.States.Create(user.TenantId()!);
        return TypedResults.Ok(new ConsentLink(services.Auth.BuildAuthorizeUrl(state), services.Time.GetUtcNow() + TimeSpan.FromMinutes(30)));
    }

    /// <summary>Connects every shop an already-issued grant covers.</summary>
    public static async Task<Results<Created<ConnectedShops>, ValidationProblem>> ConnectWithTokensAsync(
        ConnectShopRequest request, ClaimsPrincipal user, [AsParameters] ShopApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var tenantId = user.TenantId()!;
        var tokens = request.ToIssuedTokens();
        var shops = await services.Calls.RetryAsync(() => services.Grains.GetGrain<ITenantGrain>(tenantId).ConnectWithTokensAsync(tokens), cancellationToken);
        foreach (var shop in shops)
        {
            await services.Audit.RecordAsync(user, tenantId, AuditActions.ShopRegistered, shop.ShopId, new { shop_name = shop.ShopName, region = shop.Region });
        }

        return TypedResults.Created("/api/v1/shops", new ConnectedShops(tenantId, [.. shops.Select(ShopResponse.From)]));
    }

    /// <summary>The tenant's shops from the read models, ordered by id, filtered and paged.</summary>
    public static async Task<Results<Ok<ShopPage>, ValidationProblem>> ListAsync(ClaimsPrincipal user, [AsParameters] ShopQuery query, ShopCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(catalog);
        var errors = query.Validate();
        return errors.Count > 0 ? ApiProblems.Invalid(errors) : TypedResults.Ok(await catalog.ListAsync(user.TenantId()!, query));
    }

    /// <summary>One shop: token status, sync per domain, budget; the <c>ETag</c> is its revision.</summary>
    public static async Task<Results<Ok<ShopDetail>, ProblemHttpResult>> GetAsync(
        string shopId, ClaimsPrincipal user, HttpResponse response, [AsParameters] ShopApiServices services, OpsErrorSearch opsErrors,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opsErrors);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(response);
        if (!await OwnsAsync(user, shopId, services))
        {
            return ApiProblems.NotFound("shop");
        }

        var report = await services.Calls.RetryAsync(() => services.Grains.GetGrain<IShopGrain>(shopId).GetSyncReportAsync(), cancellationToken);
        response.Headers.ETag = ETag(report.Shop.Revision);
        var (lastErrors, _) = await opsErrors.SearchAsync(user.TenantId()!, new OpsErrorFilter(ShopId: shopId), ShopDetail.LastErrorCount, null, cancellationToken);
        return TypedResults.Ok(ShopDetail.From(report, lastErrors));
    }

    /// <summary>Changes settings; <c>If-Match</c> must carry the shop's current ETag (412 otherwise, 428 without it).</summary>
    public static async Task<Results<Ok<ShopResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string shopId, UpdateShopRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal user, HttpResponse response,
        [AsParameters] ShopApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(response);
        if (!await OwnsAsync(user, shopId, services))
        {
            return ApiProblems.NotFound("shop");
        }

        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return TypedResults.Problem(title: "Precondition required", statusCode: StatusCodes.Status428PreconditionRequired,
                detail: "Send If-Match with the shop's ETag (from GET /api/v1/shops/{shopId}) so a concurrent change is not overwritten.");
        }

        var grain = services.Grains.GetGrain<IShopGrain>(shopId);
        var current = await services.Calls.RetryAsync(grain.GetAsync, cancellationToken);
        if (!Matches(ifMatch, current.Revision))
        {
            return Stale(response, current.Revision);
        }

        var settings = current.Settings with
        {
            TimeZone = request.TimeZone ?? current.Settings.TimeZone,
            Tags = request.Tags ?? current.Settings.Tags,
            WarehouseNames = request.WarehouseNames ?? current.Settings.WarehouseNames,
            Paused = request.Paused ?? current.Settings.Paused,
        };
        if (request.Tags?.Any(t => t is null) == true)
        {
            return ApiProblems.Invalid("tags", "tags must be strings");
        }

        // The grain compares the revision inside its turn: of two writers that read the same ETag, one gets 412.
        var update = ifMatch.Trim() == "*"
            ? new SettingsUpdate(true, await services.Calls.RetryAsync(() => grain.UpdateSettingsAsync(settings), cancellationToken))
            : await services.Calls.RetryAsync(() => grain.UpdateSettingsIfAsync(settings, current.Revision), cancellationToken);
        if (!update.Applied)
        {
            return Stale(response, update.Shop.Revision);
        }

        var updated = update.Shop;
        await services.Audit.RecordAsync(user, updated.TenantId, AuditActions.ShopSettingsUpdated, shopId, SettingsChanges(current.Settings, updated.Settings));
        response.Headers.ETag = ETag(updated.Revision);
        return TypedResults.Ok(ShopResponse.From(updated));
    }

    /// <summary>Makes the given domains (all when none) due now.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> SyncNowAsync(
        string shopId, SyncNowRequest? request, ClaimsPrincipal user, [AsParameters] ShopApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!await OwnsAsync(user, shopId, services))
        {
            return ApiProblems.NotFound("shop");
        }

        await services.Calls.RetryAsync(() => services.Grains.GetGrain<IShopGrain>(shopId).SyncNowAsync(request?.Domains), cancellationToken);
        await services.Audit.RecordAsync(user, user.TenantId()!, AuditActions.ShopSyncRequested, shopId, new { domains = request?.Domains is { Count: > 0 } d ? d : null });
        return TypedResults.Accepted($"/api/v1/shops/{shopId}");
    }

    /// <summary>Fetches history from <c>from</c> in bounded chunks below incremental sync.</summary>
    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> BackfillAsync(
        string shopId, BackfillRequest request, ClaimsPrincipal user, [AsParameters] ShopApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        if (!await OwnsAsync(user, shopId, services))
        {
            return ApiProblems.NotFound("shop");
        }

        if (request.From is not { } from)
        {
            return ApiProblems.Invalid("from", "from is required (ISO 8601 with offset)");
        }

        await services.Calls.RetryAsync(() => services.Grains.GetGrain<IShopGrain>(shopId).StartBackfillAsync(from.ToUniversalTime()), cancellationToken);
        await services.Audit.RecordAsync(user, user.TenantId()!, AuditActions.ShopBackfillRequested, shopId, new { from });
        return TypedResults.Accepted($"/api/v1/shops/{shopId}");
    }

    /// <summary>Disconnects the shop: sync stops, stored data stays until retention removes it.</summary>
    public static async Task<Results<Ok<ShopResponse>, ProblemHttpResult>> DisconnectAsync(
        string shopId, ClaimsPrincipal user, [AsParameters] ShopApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!await OwnsAsync(user, shopId, services))
        {
            return ApiProblems.NotFound("shop");
        }

        var tenantId = user.TenantId()!;
        var shop = await services.Calls.RetryAsync(() => services.Grains.GetGrain<ITenantGrain>(tenantId).DisconnectShopAsync(shopId), cancellationToken);
        await services.Audit.RecordAsync(user, tenantId, AuditActions.ShopDisconnected, shopId);
        return TypedResults.Ok(ShopResponse.From(shop));
    }

    private static async Task<bool> OwnsAsync(ClaimsPrincipal user, string shopId, ShopApiServices services) =>
        ShopIds.IsValid(shopId) && await services.Catalog.FindAsync(user.TenantId()!, shopId) is not null;

    // The settings fields a PATCH changed, with their new values.
    private static Dictionary<string, object?> SettingsChanges(ShopSettings before, ShopSettings after)
    {
        var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (before.TimeZone != after.TimeZone)
        {
            changes["time_zone"] = after.TimeZone;
        }

        if (!(before.Tags ?? []).SequenceEqual(after.Tags ?? [], StringComparer.Ordinal))
        {
            changes["tags"] = after.Tags;
        }

        // ShopSettings compares the map's entries, not the instances.
        if (!new ShopSettings("", [], false, before.WarehouseNames).Equals(new ShopSettings("", [], false, after.WarehouseNames)))
        {
            changes["warehouse_names"] = after.WarehouseNames;
        }

        if (before.Paused != after.Paused)
        {
            changes["paused"] = after.Paused;
        }

        return changes;
    }

    private static ProblemHttpResult Stale(HttpResponse response, long revision)
    {
        response.Headers.ETag = ETag(revision);
        return TypedResults.Problem(title: "Precondition failed", statusCode: StatusCodes.Status412PreconditionFailed,
            detail: $"The shop changed since that ETag was read; its revision is now {revision}. Read it again and reapply the change.");
    }

    private static string ETag(long revision) => "\"" + revision.ToString(CultureInfo.InvariantCulture) + "\"";

    private static bool Matches(string ifMatch, long revision) =>
        ifMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == ETag(revision) || t == "W/" + ETag(revision));
}
