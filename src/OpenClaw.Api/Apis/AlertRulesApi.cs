using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenClaw.Api.Access;
using OpenClaw.Api.Alerts;
using OpenClaw.Api.Model;
using OpenClaw.Grains.Alerts;

namespace OpenClaw.Api.Apis;

/// <summary>
/// <c>/api/v1/alerts/rules</c> and <c>/api/v1/alerts/routing</c>: the tenant's threshold rules (a new tenant has the
/// defaults) and where alerts go. Validated at the edge with the domain's validators; errors name the request fields.
/// </summary>
public static class AlertRulesApi
{
    /// <summary>Maps rules and routing into the alerts group (<c>read</c> to look, <c>write</c> to change).</summary>
    public static RouteGroupBuilder MapAlertRules(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/rules", GetRulesAsync).WithSummary("The tenant's rules");
        api.MapPut("/rules/{ruleId}", PutRuleAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite).WithSummary("Create or replace a rule");
        api.MapDelete("/rules/{ruleId}", DeleteRuleAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite).WithSummary("Delete a rule");
        api.MapGet("/routing", GetRoutingAsync).WithSummary("Routes, mute windows and inhibition (the default until set)");
        api.MapPut("/routing", PutRoutingAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite).WithSummary("Replace the routing");
        api.MapDelete("/routing", ResetRoutingAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite).WithSummary("Back to the default routing");
        return api;
    }

    /// <summary>The rules with their version.</summary>
    public static async Task<Ok<RuleSetResponse>> GetRulesAsync(ClaimsPrincipal user, [AsParameters] AlertApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return TypedResults.Ok(RuleSetResponse.From(await services.Calls.RetryAsync(() => AlertsApi.Tenant(user, services).GetRulesAsync(), cancellationToken)));
    }

    /// <summary>Creates or replaces a rule; shops pick the change up at their next evaluation.</summary>
    public static async Task<Results<Ok<RuleResponse>, ValidationProblem>> PutRuleAsync(string ruleId, RuleBody body, ClaimsPrincipal user,
        [AsParameters] AlertApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(services);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Require(errors, "metric_key", body.MetricKey is not null, "metric_key is required, e.g. late_dispatch_rate");
        Require(errors, "comparator", body.Comparator is not null, "comparator is required: greater_than, greater_than_or_equal, less_than or less_than_or_equal");
        Require(errors, "threshold", body.Threshold is not null, "threshold is required (percent 0–100 for rates, seconds for lags)");
        Require(errors, "window_seconds", body.WindowSeconds is >= 1 and <= 7_776_000, "window_seconds is required: 1 to 7776000 (90 days)");
        Require(errors, "for_seconds", body.ForSeconds is >= 0 and <= 604_800, "for_seconds is required: 0 (fire at once) to 604800 (7 days)");
        Require(errors, "severity", body.Severity is not null, "severity is required: info, warning or critical");
        Require(errors, "scope.kind", body.Scope is null || body.Scope.Kind is not null, "scope.kind is required: tenant, tag or shop");
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var rule = new AlertRule(ruleId, body.MetricKey!, body.Comparator!.Value, body.Threshold!.Value, TimeSpan.FromSeconds(body.WindowSeconds!.Value),
            TimeSpan.FromSeconds(body.ForSeconds!.Value), body.Severity!.Value, body.RecoveryThreshold,
            body.Scope is { } scope ? new AlertScope(scope.Kind!.Value, scope.Value) : AlertScope.AllShops, body.Enabled ?? true);
        if (AlertRuleValidator.Validate(rule) is { Count: > 0 } invalid)
        {
            return ApiProblems.Invalid(ApiFieldNames.Of(invalid, ApiFieldNames.RuleFields));
        }

        try
        {
            var set = await services.Calls.RetryAsync(() => AlertsApi.Tenant(user, services).PutRuleAsync(rule), cancellationToken);
            return TypedResults.Ok(RuleResponse.From(set.Rules.Single(r => r.RuleId == ruleId)));
        }
        catch (AlertConfigurationException ex)
        {
            return ApiProblems.Invalid(ApiFieldNames.Of(ex, ApiFieldNames.RuleFields));
        }
    }

    /// <summary>Deletes a rule; its alerts resolve at the shops' next evaluation.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteRuleAsync(string ruleId, ClaimsPrincipal user, [AsParameters] AlertApiServices services,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return await services.Calls.RetryAsync(() => AlertsApi.Tenant(user, services).DeleteRuleAsync(ruleId), cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("rule");
    }

    /// <summary>The routing.</summary>
    public static async Task<Ok<RoutingBody>> GetRoutingAsync(ClaimsPrincipal user, [AsParameters] AlertApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return TypedResults.Ok(RoutingBody.From(await services.Calls.RetryAsync(() => AlertsApi.Tenant(user, services).GetRoutingAsync(), cancellationToken)));
    }

    /// <summary>Replaces the routing; every channel named must exist, every mute window named must be defined.</summary>
    public static async Task<Results<Ok<RoutingBody>, ValidationProblem>> PutRoutingAsync(RoutingBody body, ClaimsPrincipal user,
        [AsParameters] AlertApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(services);
        AlertRoutingConfig config;
        try
        {
            config = body.ToConfig();
        }
        catch (FormatException ex)
        {
            return ApiProblems.Invalid("mute_time_intervals", ex.Message);
        }

        try
        {
            var stored = await services.Calls.RetryAsync(() => AlertsApi.Tenant(user, services).PutRoutingAsync(config), cancellationToken);
            return TypedResults.Ok(RoutingBody.From(stored));
        }
        catch (AlertConfigurationException ex)
        {
            return ApiProblems.Invalid(ApiFieldNames.Of(ex));
        }
    }

    /// <summary>Goes back to the default routing.</summary>
    public static async Task<Ok<RoutingBody>> ResetRoutingAsync(ClaimsPrincipal user, [AsParameters] AlertApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return TypedResults.Ok(RoutingBody.From(await services.Calls.RetryAsync(() => AlertsApi.Tenant(user, services).ResetRoutingAsync(), cancellationToken)));
    }

    private static void Require(Dictionary<string, string[]> errors, string field, bool ok, string message)
    {
        if (!ok)
        {
            errors[field] = [message];
        }
    }
}
