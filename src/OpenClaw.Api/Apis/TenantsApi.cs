using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenClaw.Api.Access;
using OpenClaw.Api.Audit;
using OpenClaw.Api.Extensions;
using OpenClaw.Api.Model;

namespace OpenClaw.Api.Apis;

/// <summary>A tenant.</summary>
/// <param name="TenantId">Id.</param>
/// <param name="Name">Display name.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record TenantResponse(string TenantId, string Name, DateTimeOffset CreatedAt);

/// <summary>A key just issued: <paramref name="Key"/> is shown this once and never again.</summary>
/// <param name="KeyId">Public id (for listing and revoking).</param>
/// <param name="Key">The key; send it as <c>Authorization: Bearer &lt;key&gt;</c>.</param>
/// <param name="TenantId">The tenant it acts for.</param>
/// <param name="Name">Label.</param>
/// <param name="Scopes">Scopes.</param>
/// <param name="CreatedAt">When it was issued.</param>
public sealed record IssuedKeyResponse(string KeyId, string Key, string TenantId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt);

/// <summary><c>/api/v1/tenants</c>: agency tenants and their API keys.</summary>
public static partial class TenantsApi
{
    /// <summary>Maps the group.</summary>
    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/tenants").WithTags("Tenants").RequireAuthorization(ApiKeyAuthenticationExtensions.AnyKey);
        api.MapPost("/", CreateTenantAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.Platform).WithIdempotency();
        api.MapGet("/{tenantId}", GetTenantAsync);
        api.MapPost("/{tenantId}/keys", IssueKeyAsync).WithIdempotency();
        api.MapGet("/{tenantId}/keys", ListKeysAsync);
        api.MapDelete("/{tenantId}/keys/{keyId}", RevokeKeyAsync);
        return app;
    }

    /// <summary>Creates a tenant (bootstrap key only).</summary>
    public static async Task<Results<Created<TenantResponse>, ValidationProblem, ProblemHttpResult>> CreateTenantAsync(
        CreateTenantRequest request, ClaimsPrincipal user, TenantStore tenants, AuditLog audit)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.TenantId is null || !TenantIdPattern().IsMatch(request.TenantId))
        {
            errors["tenant_id"] = ["tenant_id must be 3–64 lower-case letters, digits or dashes, starting with a letter or digit"];
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200 || request.Name.Any(char.IsControl))
        {
            errors["name"] = ["name must be 1–200 characters without control characters"];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var created = await tenants.CreateAsync(request.TenantId!, request.Name!.Trim());
        if (created is null)
        {
            return TypedResults.Problem(title: "Conflict", detail: $"Tenant {request.TenantId} already exists.", statusCode: StatusCodes.Status409Conflict);
        }

        await audit.RecordAsync(user, created.TenantId, AuditActions.TenantCreated, created.TenantId, new { name = created.Name });
        return TypedResults.Created($"/api/v1/tenants/{created.TenantId}", new TenantResponse(created.TenantId, created.Name, created.CreatedAt));
    }

    /// <summary>A tenant (its admin keys or the bootstrap key).</summary>
    public static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> GetTenantAsync(string tenantId, ClaimsPrincipal user, TenantStore tenants)
    {
        var tenant = await FindAdministeredAsync(tenantId, user, tenants);
        return tenant is null ? ApiProblems.NotFound("tenant") : TypedResults.Ok(new TenantResponse(tenant.TenantId, tenant.Name, tenant.CreatedAt));
    }

    /// <summary>Issues a key for the tenant; the key is in this answer only.</summary>
    public static async Task<Results<Created<IssuedKeyResponse>, ValidationProblem, ProblemHttpResult>> IssueKeyAsync(
        string tenantId, IssueKeyRequest request, ClaimsPrincipal user, TenantStore tenants, ApiKeyStore keys, AuditLog audit)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await FindAdministeredAsync(tenantId, user, tenants) is null)
        {
            return ApiProblems.NotFound("tenant");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100 || request.Name.Any(char.IsControl))
        {
            errors["name"] = ["name must be 1–100 characters without control characters"];
        }

        if (request.Scopes is not { Count: > 0 } scopes || scopes.Any(s => !ApiScopes.TenantScopes.Contains(s)))
        {
            errors["scopes"] = ["scopes must list one or more of: " + string.Join(", ", ApiScopes.TenantScopes)];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var (key, record) = await keys.IssueAsync(tenantId, request.Name!.Trim(), [.. request.Scopes!.Distinct(StringComparer.Ordinal)]);
        await audit.RecordAsync(user, tenantId, AuditActions.KeyCreated, record.KeyId, new { name = record.Name, scopes = record.Scopes });
        return TypedResults.Created($"/api/v1/tenants/{tenantId}/keys/{record.KeyId}",
            new IssuedKeyResponse(record.KeyId, key, tenantId, record.Name, record.Scopes, record.CreatedAt));
    }

    /// <summary>The tenant's keys (never the keys themselves), newest first.</summary>
    public static async Task<Results<Ok<IReadOnlyList<ApiKeyRecord>>, ProblemHttpResult>> ListKeysAsync(string tenantId, ClaimsPrincipal user, TenantStore tenants, ApiKeyStore keys)
    {
        if (await FindAdministeredAsync(tenantId, user, tenants) is null)
        {
            return ApiProblems.NotFound("tenant");
        }

        return TypedResults.Ok(await keys.ListAsync(tenantId));
    }

    /// <summary>Revokes a key: it stops authenticating at once.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKeyAsync(
        string tenantId, string keyId, ClaimsPrincipal user, TenantStore tenants, ApiKeyStore keys, AuditLog audit)
    {
        if (await FindAdministeredAsync(tenantId, user, tenants) is null || keyId.Length > 64 || !await keys.RevokeAsync(tenantId, keyId))
        {
            return ApiProblems.NotFound("key");
        }

        await audit.RecordAsync(user, tenantId, AuditActions.KeyRevoked, keyId);
        return TypedResults.NoContent();
    }

    // Another tenant's (or a non-admin key's) view of a tenant is the same as an unknown tenant: 404.
    private static async Task<TenantRecord?> FindAdministeredAsync(string tenantId, ClaimsPrincipal user, TenantStore tenants) =>
        TenantIdPattern().IsMatch(tenantId) && user.CanAdminister(tenantId) ? await tenants.FindAsync(tenantId) : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,63}$")]
    private static partial Regex TenantIdPattern();
}
