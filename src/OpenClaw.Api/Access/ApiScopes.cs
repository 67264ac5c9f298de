using System.Security.Claims;

namespace OpenClaw.Api.Access;

/// <summary>
/// Scopes of an API key. <c>admin</c> includes <c>write</c>, which includes <c>read</c>; the bootstrap key is the
/// platform administrator (<c>platform</c>), above every tenant's <c>admin</c>.
/// </summary>
public static class ApiScopes
{
    /// <summary>Read shops and their status.</summary>
    public const string Read = "read";

    /// <summary>Connect, change, sync and disconnect shops.</summary>
    public const string Write = "write";

    /// <summary>Manage the tenant's API keys.</summary>
    public const string Admin = "admin";

    /// <summary>The bootstrap key: create tenants, issue any tenant's keys.</summary>
    public const string Platform = "platform";

    /// <summary>Claim type of a scope.</summary>
    public const string ScopeClaim = "scope";

    /// <summary>Claim type of the key's tenant (absent for the bootstrap key).</summary>
    public const string TenantClaim = "tenant_id";

    /// <summary>Claim type of the key's id.</summary>
    public const string KeyIdClaim = "key_id";

    /// <summary>The scopes a tenant key may carry, weakest first.</summary>
    public static readonly IReadOnlyList<string> TenantScopes = [Read, Write, Admin];

    /// <summary>True when the caller holds <paramref name="scope"/> or a scope that includes it.</summary>
    public static bool Has(this ClaimsPrincipal user, string scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        var rank = Rank(scope);
        return user.FindAll(ScopeClaim).Any(c => Rank(c.Value) >= rank);
    }

    /// <summary>The caller's tenant, or null for the bootstrap key.</summary>
    public static string? TenantId(this ClaimsPrincipal user) => user?.FindFirst(TenantClaim)?.Value;

    /// <summary>True for the bootstrap key, or an admin key of <paramref name="tenantId"/>.</summary>
    public static bool CanAdminister(this ClaimsPrincipal user, string tenantId) =>
        user.Has(Platform) || (user.Has(Admin) && user.TenantId() == tenantId);

    private static int Rank(string scope) => scope switch
    {
        Read => 1,
        Write => 2,
        Admin => 3,
        Platform => 4,
        _ => int.MaxValue,
    };
}
