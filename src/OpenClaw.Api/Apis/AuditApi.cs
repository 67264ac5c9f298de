using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenClaw.Api.Access;
using OpenClaw.Api.Audit;

namespace OpenClaw.Api.Apis;

/// <summary><c>GET /api/v1/audit</c>: the tenant's audit log (its <c>admin</c> keys only).</summary>
public static class AuditApi
{
    /// <summary>Maps the group.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(ApiKeyAuthenticationExtensions.TenantAdmin).MapGet("/", ReadAsync);
        return app;
    }

    /// <summary>Changes made to the caller's tenant, newest first; <c>from</c>/<c>to</c> bound the time, <c>action</c> filters, <c>cursor</c> pages.</summary>
    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> ReadAsync(ClaimsPrincipal user, [AsParameters] AuditQuery query, AuditLog audit)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(audit);
        var errors = query.Validate();
        return errors.Count > 0 ? ApiProblems.Invalid(errors) : TypedResults.Ok(await audit.ReadAsync(user.TenantId()!, query));
    }
}
