using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenClaw.Api.Access;
using OpenClaw.Api.Alerts;
using OpenClaw.Api.Model;
using OpenClaw.Grains.Notifications;

namespace OpenClaw.Api.Apis;

/// <summary>
/// <c>/api/v1/channels</c>: where alerts are sent (WeCom, DingTalk, Feishu, Slack, signed webhook, e-mail). URLs and
/// secrets are stored encrypted and never returned; only the URL's host is shown. Changing channels needs an
/// <c>admin</c> key (they hold credentials); sending a test message needs <c>write</c>.
/// </summary>
public static partial class ChannelsApi
{
    /// <summary>Maps the group.</summary>
    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/channels").WithTags("Channels").RequireAuthorization(ApiKeyAuthenticationExtensions.TenantRead);
        api.MapGet("/", ListAsync).WithSummary("The tenant's channels (no URL or secret)");
        api.MapGet("/{channelId}", GetAsync).WithSummary("One channel (no URL or secret)");
        api.MapPut("/{channelId}", PutAsync).WithSummary("Create or replace a channel (admin); url and secret left out are kept");
        api.MapDelete("/{channelId}", DeleteAsync).WithSummary("Delete a channel no route uses (admin)");
        api.MapPost("/{channelId}/test", TestAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite)
            .WithSummary("Send a test message now (not through the outbox)");
        return app;
    }

    /// <summary>The channels, ordered by id.</summary>
    public static async Task<Ok<IReadOnlyList<ChannelResponse>>> ListAsync(ClaimsPrincipal user, [AsParameters] AlertApiServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return TypedResults.Ok<IReadOnlyList<ChannelResponse>>([.. (await services.Channels.ListAsync(user.TenantId()!)).Select(ChannelResponse.From)]);
    }

    /// <summary>One channel.</summary>
    public static async Task<Results<Ok<ChannelResponse>, ProblemHttpResult>> GetAsync(string channelId, ClaimsPrincipal user, [AsParameters] AlertApiServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return await FindAsync(user, channelId, services) is { } channel ? TypedResults.Ok(ChannelResponse.From(channel)) : ApiProblems.NotFound("channel");
    }

    /// <summary>Creates (201) or replaces (200) a channel after validating it; the URL and secret are encrypted at rest.</summary>
    public static async Task<Results<Created<ChannelResponse>, Ok<ChannelResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(string channelId, ChannelBody body,
        ClaimsPrincipal user, [AsParameters] AlertApiServices services)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(services);
        if (!user.Has(ApiScopes.Admin))
        {
            return NeedsAdmin();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Kind is null)
        {
            errors["kind"] = ["kind is required: we_com, ding_talk, feishu, slack, webhook or email"];
        }

        if (body.Name is not { Length: >= 1 and <= 100 })
        {
            errors["name"] = ["name is required: 1–100 characters"];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var tenantId = user.TenantId()!;
        var existing = IdPattern().IsMatch(channelId) ? await services.Channels.GetAsync(tenantId, channelId) : null;
        var secret = body.Secret is null ? existing?.Secret : body.Secret.Length == 0 ? null : body.Secret;
        var channel = new NotificationChannel(tenantId, channelId, body.Kind!.Value, body.Name!, body.Language ?? NotificationLanguage.English,
            body.TimeZone ?? "UTC", body.Url ?? (body.Kind == existing?.Kind ? existing?.Url : null), secret, body.Email?.ToSettings());
        if (NotificationChannelValidator.Validate(channel, services.Guard) is { Count: > 0 } invalid)
        {
            return ApiProblems.Invalid(ApiFieldNames.Of(invalid));
        }

        try
        {
            await services.Channels.SaveAsync(channel);
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(title: "Conflict", detail: ex.Message, statusCode: StatusCodes.Status409Conflict);
        }

        var response = ChannelResponse.From(channel);
        return existing is null ? TypedResults.Created($"/api/v1/channels/{channelId}", response) : TypedResults.Ok(response);
    }

    /// <summary>Deletes a channel; 409 while a route of the tenant's routing sends to it.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string channelId, ClaimsPrincipal user, [AsParameters] AlertApiServices services,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!user.Has(ApiScopes.Admin))
        {
            return NeedsAdmin();
        }

        if (await FindAsync(user, channelId, services) is null)
        {
            return ApiProblems.NotFound("channel");
        }

        var routing = await services.Calls.RetryAsync(() => AlertsApi.Tenant(user, services).GetRoutingAsync(), cancellationToken);
        if (!routing.IsDefault && routing.Routes.Any(r => r.ChannelIds.Contains(channelId)))
        {
            return TypedResults.Problem(title: "Conflict", statusCode: StatusCodes.Status409Conflict,
                detail: "A route sends to this channel: change the routing (PUT /api/v1/alerts/routing) first.");
        }

        await services.Channels.DeleteAsync(user.TenantId()!, channelId);
        return TypedResults.NoContent();
    }

    /// <summary>Sends a test message straight away and says how it went.</summary>
    public static async Task<Results<Ok<ChannelTestResponse>, ProblemHttpResult>> TestAsync(string channelId, ClaimsPrincipal user,
        [AsParameters] AlertApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (await FindAsync(user, channelId, services) is not { } channel)
        {
            return ApiProblems.NotFound("channel");
        }

        var result = await services.Tester.SendTestAsync(channel, cancellationToken);
        return TypedResults.Ok(new ChannelTestResponse(result.Outcome, result.Error));
    }

    private static async Task<NotificationChannel?> FindAsync(ClaimsPrincipal user, string channelId, AlertApiServices services) =>
        IdPattern().IsMatch(channelId) ? await services.Channels.GetAsync(user.TenantId()!, channelId) : null;

    private static ProblemHttpResult NeedsAdmin() =>
        TypedResults.Problem(title: "Forbidden", statusCode: StatusCodes.Status403Forbidden,
            detail: "Channels hold credentials: changing them needs an API key with the admin scope.");

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
