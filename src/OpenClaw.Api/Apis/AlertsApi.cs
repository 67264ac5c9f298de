using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenClaw.Api.Access;
using OpenClaw.Api.Alerts;
using OpenClaw.Api.Model;
using OpenClaw.Grains.Alerts;

namespace OpenClaw.Api.Apis;

/// <summary>
/// <c>/api/v1/alerts</c>: the tenant's alerts across shops (from the Redis alert index, never a call per shop),
/// acknowledgements, silences and what waits to be sent. Rules and routing: <see cref="AlertRulesApi"/>.
/// </summary>
public static partial class AlertsApi
{
    /// <summary>Maps the group (tenant keys: <c>read</c> to look, <c>write</c> to acknowledge and silence).</summary>
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/alerts").WithTags("Alerts").RequireAuthorization(ApiKeyAuthenticationExtensions.TenantRead);
        api.MapGet("/", ListAsync).WithSummary("Alerts across the tenant's shops, newest first; filters status, shop_id, severity");
        api.MapGet("/{fingerprint}", GetAsync).WithSummary("One alert with its audit trail");
        api.MapPost("/{fingerprint}/acknowledge", AcknowledgeAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite)
            .WithSummary("Acknowledge an alert (recorded in its audit trail)");
        api.MapPost("/{fingerprint}/silence", SilenceAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite)
            .WithSummary("Silence an alert until a time or for a duration");
        api.MapGet("/silences", ListSilencesAsync).WithSummary("Silences, active and recently ended");
        api.MapPost("/silences", CreateSilenceAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite).WithSummary("Create a silence");
        api.MapDelete("/silences/{silenceId}", ExpireSilenceAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite).WithSummary("End a silence now");
        api.MapGet("/outbox", OutboxAsync).WithSummary("Groups waiting to be sent and notifications given up (dead letters)");
        api.MapAlertRules();
        return app;
    }

    /// <summary>A page of alerts.</summary>
    public static async Task<Results<Ok<AlertPage>, ValidationProblem>> ListAsync(ClaimsPrincipal user, [AsParameters] AlertQuery query,
        [AsParameters] AlertApiServices services)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(services);
        if (query.Validate() is { Count: > 0 } errors)
        {
            return ApiProblems.Invalid(errors);
        }

        var (items, next) = query.Page(await services.Index.ReadAllAsync(user.TenantId()!));
        return TypedResults.Ok(new AlertPage([.. items.Select(AlertResponse.From)], next));
    }

    /// <summary>One alert; another tenant's answers 404.</summary>
    public static async Task<Results<Ok<AlertResponse>, ProblemHttpResult>> GetAsync(string fingerprint, ClaimsPrincipal user, [AsParameters] AlertApiServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return await FindAsync(user, fingerprint, services) is { } entry ? TypedResults.Ok(AlertResponse.From(entry)) : ApiProblems.NotFound("alert");
    }

    /// <summary>Records an acknowledgement by the calling key.</summary>
    public static async Task<Results<Ok<AlertResponse>, ValidationProblem, ProblemHttpResult>> AcknowledgeAsync(string fingerprint, AcknowledgeBody? body,
        ClaimsPrincipal user, [AsParameters] AlertApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (body?.Comment is { Length: > 500 })
        {
            return ApiProblems.Invalid("comment", "comment must be at most 500 characters");
        }

        if (await FindAsync(user, fingerprint, services) is not { } entry)
        {
            return ApiProblems.NotFound("alert");
        }

        var updated = await services.Calls.RetryAsync(() => services.Grains.GetGrain<IShopAlertsGrain>(entry.ShopId)
            .AcknowledgeAlertAsync(fingerprint, Author(user), body?.Comment), cancellationToken);
        return updated is null ? ApiProblems.NotFound("alert") : TypedResults.Ok(AlertResponse.From(updated));
    }

    /// <summary>Silences one alert: recorded in its audit trail, and a silence on its labels goes to the tenant's router.</summary>
    public static async Task<Results<Ok<SilenceResponse>, ValidationProblem, ProblemHttpResult>> SilenceAsync(string fingerprint, SilenceAlertBody body,
        ClaimsPrincipal user, [AsParameters] AlertApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(services);
        var now = services.Time.GetUtcNow();
        var until = body.Until ?? (body.DurationSeconds is { } seconds ? now.AddSeconds(seconds) : null);
        if (until is null || (body.Until is not null && body.DurationSeconds is not null))
        {
            return ApiProblems.Invalid("until", "give either until (ISO 8601 with offset) or duration_seconds");
        }

        if (until < now.AddMinutes(1) || until > now.AddDays(90))
        {
            return ApiProblems.Invalid(body.Until is null ? "duration_seconds" : "until", "a silence lasts from 1 minute to 90 days");
        }

        if (body.Comment is { Length: > 500 })
        {
            return ApiProblems.Invalid("comment", "comment must be at most 500 characters");
        }

        if (await FindAsync(user, fingerprint, services) is not { } entry)
        {
            return ApiProblems.NotFound("alert");
        }

        var silence = await services.Calls.RetryAsync(() => services.Grains.GetGrain<IShopAlertsGrain>(entry.ShopId)
            .SilenceAlertAsync(fingerprint, Author(user), until.Value.ToUniversalTime(), body.Comment), cancellationToken);
        if (silence is null)
        {
            return ApiProblems.NotFound("alert");
        }

        var stored = await services.Calls.RetryAsync(() => Tenant(user, services).PutSilenceAsync(silence), cancellationToken);
        return TypedResults.Ok(SilenceResponse.From(stored, now));
    }

    /// <summary>The tenant's silences.</summary>
    public static async Task<Ok<IReadOnlyList<SilenceResponse>>> ListSilencesAsync(ClaimsPrincipal user, [AsParameters] AlertApiServices services,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var now = services.Time.GetUtcNow();
        var silences = await services.Calls.RetryAsync(() => Tenant(user, services).GetSilencesAsync(), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SilenceResponse>>([.. silences.Select(s => SilenceResponse.From(s, now))]);
    }

    /// <summary>Creates a silence from matchers and times.</summary>
    public static async Task<Results<Created<SilenceResponse>, ValidationProblem>> CreateSilenceAsync(SilenceBody body, ClaimsPrincipal user,
        [AsParameters] AlertApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(services);
        var now = services.Time.GetUtcNow();
        if (body.EndsAt is not { } endsAt)
        {
            return ApiProblems.Invalid("ends_at", "ends_at is required (ISO 8601 with offset)");
        }

        var silence = new AlertSilence("sil_" + Guid.NewGuid().ToString("N")[..16], [.. (body.Matchers ?? []).Select(m => m.ToMatcher())],
            (body.StartsAt ?? now).ToUniversalTime(), endsAt.ToUniversalTime(), Author(user), body.Comment);
        try
        {
            var stored = await services.Calls.RetryAsync(() => Tenant(user, services).PutSilenceAsync(silence), cancellationToken);
            return TypedResults.Created($"/api/v1/alerts/silences/{stored.Id}", SilenceResponse.From(stored, now));
        }
        catch (AlertConfigurationException ex)
        {
            return ApiProblems.Invalid(ApiFieldNames.Of(ex));
        }
    }

    /// <summary>Ends a silence now (it stays listed for 7 days).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> ExpireSilenceAsync(string silenceId, ClaimsPrincipal user, [AsParameters] AlertApiServices services,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return await services.Calls.RetryAsync(() => Tenant(user, services).ExpireSilenceAsync(silenceId), cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("silence");
    }

    /// <summary>The router's waiting groups and the tenant's dead letters (from the newest 1,000 of the cluster).</summary>
    public static async Task<Ok<OutboxResponse>> OutboxAsync(ClaimsPrincipal user, [AsParameters] AlertApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var tenantId = user.TenantId()!;
        var groups = await services.Calls.RetryAsync(() => Tenant(user, services).GetGroupsAsync(), cancellationToken);
        var dead = (await services.Outbox.DeadLettersAsync(1000)).Where(d => d.Item.Notification.TenantId == tenantId).Take(100)
            .Select(d => new DeadLetterResponse(d.Item.Id, d.Item.Notification.ChannelId, d.Attempts, d.LastError, d.DeadAt,
                [.. d.Item.Notification.Firing.Concat(d.Item.Notification.Resolved).Select(a => a.Fingerprint)]));
        return TypedResults.Ok(new OutboxResponse(groups, [.. dead]));
    }

    internal static ITenantAlertsGrain Tenant(ClaimsPrincipal user, AlertApiServices services) =>
        services.Grains.GetGrain<ITenantAlertsGrain>(user.TenantId()!);

    // Who did it, as recorded in audit trails: the calling key's id (never the key).
    internal static string Author(ClaimsPrincipal user) => user.FindFirst(ApiScopes.KeyIdClaim)?.Value ?? "api";

    // Another tenant's fingerprint is not in this tenant's index: 404, exactly like an unknown one.
    private static async Task<AlertEntry?> FindAsync(ClaimsPrincipal user, string fingerprint, AlertApiServices services) =>
        FingerprintPattern().IsMatch(fingerprint) ? await services.Index.FindAsync(user.TenantId()!, fingerprint) : null;

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex FingerprintPattern();
}
