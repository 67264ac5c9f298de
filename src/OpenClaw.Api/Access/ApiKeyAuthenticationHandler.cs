using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace OpenClaw.Api.Access;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>: the bootstrap key becomes the
/// platform administrator, a stored, unrevoked key its tenant with its scopes. Failures answer 401 (or 403) problems.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyStore keys, IOptions<ApiOptions> api, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The alternative header.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Longest key text looked at (OpenClaw's keys are 47 characters).</summary>
    private const int MaxKeyLength = 256;

    // The Authorization scheme a key is sent with (RFC 6750's name), and the one the challenge asks for.
    private const string Bearer = "Bearer";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (presented.Length is 0 or > MaxKeyLength)
        {
            return AuthenticateResult.Fail("malformed API key");
        }

        if (ApiKeyMaterial.SameKey(presented, api.Value.BootstrapAdminKey))
        {
            return Success([new(ApiScopes.ScopeClaim, ApiScopes.Platform), new(ApiScopes.KeyIdClaim, "bootstrap")]);
        }

        var record = await keys.FindAsync(presented).ConfigureAwait(false);
        if (record is null || record.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("unknown or revoked API key");
        }

        List<Claim> claims = [new(ApiScopes.TenantClaim, record.TenantId), new(ApiScopes.KeyIdClaim, record.KeyId)];
        claims.AddRange(record.Scopes.Select(s => new Claim(ApiScopes.ScopeClaim, s)));
        return Success(claims);
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Bearer;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized, Title = "Unauthorized",
                Detail = "Send a valid, unrevoked API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.",
            },
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden, Title = "Forbidden",
                Detail = "The API key lacks the scope this request needs (read < write < admin), or is not a tenant's key.",
            },
        }).ConfigureAwait(false);
    }

    private static AuthenticateResult Success(IEnumerable<Claim> claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));

    // An Authorization header of another scheme is not a key (as JwtBearerHandler treats it): TikTok signs every
    // webhook in a bare Authorization header, which must not count as a failed sign-in (one log line per webhook).
    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) && (header.Length == Bearer.Length || header[Bearer.Length] == ' '))
        {
            return header[Bearer.Length..].Trim();
        }

        return request.Headers.TryGetValue(ApiKeyHeader, out var value) ? value.ToString().Trim() : null;
    }
}
