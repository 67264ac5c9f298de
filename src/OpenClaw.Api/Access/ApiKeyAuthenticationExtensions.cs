namespace OpenClaw.Api.Access;

/// <summary>Registers API-key authentication and one authorization policy per scope.</summary>
public static class ApiKeyAuthenticationExtensions
{
    /// <summary>Policy: a tenant key with at least <c>read</c>.</summary>
    public const string TenantRead = "tenant-read";

    /// <summary>Policy: a tenant key with at least <c>write</c>.</summary>
    public const string TenantWrite = "tenant-write";

    /// <summary>Policy: a tenant key with <c>admin</c>.</summary>
    public const string TenantAdmin = "tenant-admin";

    /// <summary>Policy: any authenticated key (endpoints check tenant administration themselves).</summary>
    public const string AnyKey = "any-key";

    /// <summary>Policy: the bootstrap (platform) key.</summary>
    public const string Platform = "platform";

    /// <summary>Adds the <see cref="ApiKeyAuthenticationHandler"/> scheme (default) and the policies.</summary>
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(TenantRead, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.TenantId() is not null && c.User.Has(ApiScopes.Read)))
            .AddPolicy(TenantWrite, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.TenantId() is not null && c.User.Has(ApiScopes.Write)))
            .AddPolicy(TenantAdmin, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.TenantId() is not null && c.User.Has(ApiScopes.Admin)))
            .AddPolicy(AnyKey, p => p.RequireAuthenticatedUser())
            .AddPolicy(Platform, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Has(ApiScopes.Platform)));
        return services;
    }
}
