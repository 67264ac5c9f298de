using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using OpenClaw.Api.Access;
using StackExchange.Redis;

namespace OpenClaw.Api.Shops;

/// <summary>Why a returned <c>state</c> was refused.</summary>
public enum OAuthStateFailure
{
    /// <summary>Accepted.</summary>
    None = 0,

    /// <summary>Not a state this API signed (tampered, forged, or from another deployment's key ring).</summary>
    Forged = 1,

    /// <summary>Signed, but older than <see cref="ApiOptions.OAuthStateLifetime"/>.</summary>
    Expired = 2,

    /// <summary>Already used once.</summary>
    Replayed = 3,
}

/// <summary>
/// The consent link's <c>state</c>: the tenant, a random nonce and an expiry, encrypted and signed with Data
/// Protection (the cluster's key ring in Redis, so any API replica verifies it). Each state is accepted once: its
/// nonce is recorded in Redis (<c>oc:oauth:state:{nonce}</c>) until it would have expired anyway.
/// </summary>
public sealed class OAuthStateProtector(IDataProtectionProvider dataProtection, IConnectionMultiplexer redis, IOptions<ApiOptions> options, TimeProvider time)
{
    /// <summary>Data Protection purpose (a state is useless for anything else).</summary>
    public const string Purpose = "OpenClaw.Api.OAuthState.v1";

    private readonly IDataProtector protector = dataProtection.CreateProtector(Purpose);

    /// <summary>A new state for <paramref name="tenantId"/>, valid for <see cref="ApiOptions.OAuthStateLifetime"/>.</summary>
    public string Create(string tenantId)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var expires = time.GetUtcNow().Add(options.Value.OAuthStateLifetime).ToUnixTimeSeconds();
        return protector.Protect(string.Join('\n', tenantId, nonce, expires.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Verifies and consumes a state; the tenant when accepted.</summary>
    public async Task<(string? TenantId, OAuthStateFailure Failure)> ConsumeAsync(string? state)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 2048)
        {
            return (null, OAuthStateFailure.Forged);
        }

        string[] parts;
        try
        {
            parts = protector.Unprotect(state).Split('\n');
        }
        catch (CryptographicException)
        {
            return (null, OAuthStateFailure.Forged);
        }

        if (parts.Length != 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return (null, OAuthStateFailure.Forged);
        }

        var left = DateTimeOffset.FromUnixTimeSeconds(expires) - time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            return (null, OAuthStateFailure.Expired);
        }

        var first = await redis.GetDatabase().StringSetAsync($"oc:oauth:state:{parts[1]}", parts[0], left + TimeSpan.FromMinutes(1), When.NotExists).ConfigureAwait(false);
        return first ? (parts[0], OAuthStateFailure.None) : (null, OAuthStateFailure.Replayed);
    }
}
