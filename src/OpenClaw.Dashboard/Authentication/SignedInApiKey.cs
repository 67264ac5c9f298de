using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace OpenClaw.Dashboard.Authentication;

/// <summary>
/// The signed-in tenant's API key, read from the encrypted authentication cookie's claims: from the request in plain
/// HTTP endpoints (CSV exports), from the circuit's authentication state in interactive pages. Never rendered or logged.
/// </summary>
public sealed class SignedInApiKey(IHttpContextAccessor httpContext, AuthenticationStateProvider? authenticationState = null)
{
    /// <summary>Claim type that carries the key inside the Data Protection-encrypted cookie.</summary>
    public const string ClaimType = "openclaw:api_key";

    /// <summary>The key, or null when nobody is signed in.</summary>
    public async Task<string?> GetAsync()
    {
        if (KeyOf(httpContext.HttpContext?.User) is { } fromRequest)
        {
            return fromRequest;
        }

        if (authenticationState is null)
        {
            return null;
        }

        try
        {
            return KeyOf((await authenticationState.GetAuthenticationStateAsync().ConfigureAwait(false)).User);
        }
        catch (InvalidOperationException)
        {
            // Outside a circuit the provider has no state: nobody is signed in here.
            return null;
        }
    }

    /// <summary>The key a principal carries, or null.</summary>
    public static string? KeyOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? user.FindFirst(ClaimType)?.Value : null;
}
