using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;

namespace OpenClaw.Api.Model;

/// <summary>Tokens TikTok already issued for a seller (an agency migrating from another tool).</summary>
/// <param name="AccessToken">The access token.</param>
/// <param name="AccessTokenExpiresAt">Its absolute expiry (ISO 8601 with offset).</param>
/// <param name="RefreshToken">The refresh token.</param>
/// <param name="RefreshTokenExpiresAt">Its absolute expiry (ISO 8601 with offset).</param>
/// <param name="GrantedScopes">Scopes of the grant, when known.</param>
public sealed record ConnectShopRequest(
    string? AccessToken, DateTimeOffset? AccessTokenExpiresAt, string? RefreshToken, DateTimeOffset? RefreshTokenExpiresAt, IReadOnlyList<string>? GrantedScopes = null)
{
    /// <summary>Longest token accepted.</summary>
    public const int MaxTokenLength = 2048;

    /// <summary>The problems by field name (messages never include a value); empty when complete.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (AccessToken is not { Length: > 0 and <= MaxTokenLength })
        {
            errors["access_token"] = [$"access_token is required (at most {MaxTokenLength} characters)"];
        }

        if (RefreshToken is not { Length: > 0 and <= MaxTokenLength })
        {
            errors["refresh_token"] = [$"refresh_token is required (at most {MaxTokenLength} characters)"];
        }

        if (AccessTokenExpiresAt is null)
        {
            errors["access_token_expires_at"] = ["access_token_expires_at is required (ISO 8601 with offset)"];
        }

        if (RefreshTokenExpiresAt is null)
        {
            errors["refresh_token_expires_at"] = ["refresh_token_expires_at is required (ISO 8601 with offset)"];
        }

        return errors;
    }

    /// <summary>The grant for the tenant grain (call after <see cref="Validate"/> found nothing).</summary>
    public IssuedTokens ToIssuedTokens() => new(AccessToken!, AccessTokenExpiresAt!.Value, RefreshToken!, RefreshTokenExpiresAt!.Value, GrantedScopes);
}

/// <summary>Settings to change; a field left out keeps its value.</summary>
/// <param name="TimeZone">IANA time zone, e.g. <c>Asia/Shanghai</c>.</param>
/// <param name="Tags">The full new list of tags.</param>
/// <param name="WarehouseNames">The full new map of warehouse id → name.</param>
/// <param name="Paused">Stop (true) or resume (false) scheduled work.</param>
public sealed record UpdateShopRequest(string? TimeZone = null, IReadOnlyList<string>? Tags = null, IReadOnlyDictionary<string, string>? WarehouseNames = null, bool? Paused = null);

/// <summary>Which domains to sync now.</summary>
/// <param name="Domains">The domains; all when left out or empty.</param>
public sealed record SyncNowRequest(IReadOnlyList<SyncDomain>? Domains = null);

/// <summary>How far back to fetch history.</summary>
/// <param name="From">Start of the history (ISO 8601 with offset), at most 3 years back.</param>
public sealed record BackfillRequest(DateTimeOffset? From);

/// <summary>A new tenant.</summary>
/// <param name="TenantId">Id: lower-case letters, digits and dashes, 3–64 characters.</param>
/// <param name="Name">Display name, 1–200 characters.</param>
public sealed record CreateTenantRequest(string? TenantId, string? Name);

/// <summary>A new API key.</summary>
/// <param name="Name">A label (who or what uses the key), 1–100 characters.</param>
/// <param name="Scopes">Scopes: <c>read</c>, <c>write</c>, <c>admin</c>.</param>
public sealed record IssueKeyRequest(string? Name, IReadOnlyList<string>? Scopes);
