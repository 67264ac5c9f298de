using OpenClaw.Grains.Shops;

namespace OpenClaw.Grains.Tenants;

/// <summary>
/// An agency tenant, keyed by tenant id: onboards shops (contract §3: exchange the authorization code, list the
/// authorized shops, hand each shop its grant) and keeps the index of its shops, so cross-shop reads never fan out to
/// every grain.
/// </summary>
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>
    /// Exchanges a seller's single-use authorization code (valid 30 minutes) and connects every shop the authorization
    /// covers, with id, cipher, region, name and seller type from <c>/authorization/202309/shops</c>.
    /// </summary>
    /// <exception cref="TenantOnboardingException">TikTok refused the code (36004004) or the call failed; the message says which.</exception>
    /// <remarks>
    /// Calls TikTok twice (token exchange, authorized shops) and connects each shop, so it may take seconds: its response
    /// timeout is 1 min, not the API's short default. The code is single-use, so a caller must not repeat the call after
    /// a timeout.
    /// </remarks>
    [ResponseTimeout("00:01:00")]
    Task<IReadOnlyList<ShopSnapshot>> ConnectWithAuthCodeAsync(string authCode);

    /// <summary>Connects every shop an already-issued grant covers (for agencies migrating tokens from another tool).</summary>
    /// <exception cref="TenantOnboardingException">TikTok refused the access token or the call failed.</exception>
    /// <remarks>Calls TikTok (authorized shops) and connects each shop: its response timeout is 1 min.</remarks>
    [ResponseTimeout("00:01:00")]
    Task<IReadOnlyList<ShopSnapshot>> ConnectWithTokensAsync(IssuedTokens tokens);

    /// <summary>Ids of the tenant's shops (connected or not), sorted.</summary>
    Task<IReadOnlyList<string>> GetShopIdsAsync();

    /// <summary>Disconnects one of the tenant's shops (it stays in the index as disconnected).</summary>
    /// <exception cref="KeyNotFoundException">The shop is not the tenant's.</exception>
    Task<ShopSnapshot> DisconnectShopAsync(string shopId);
}

/// <summary>Onboarding a shop failed for a reason the user can act on; the message never contains a token.</summary>
[GenerateSerializer, Alias("OpenClaw.TenantOnboardingException")]
public sealed class TenantOnboardingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TenantOnboardingException() { }

    /// <summary>Creates the exception with a message.</summary>
    public TenantOnboardingException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and TikTok's error code.</summary>
    public TenantOnboardingException(string message, string? errorKey) : base(message) => ErrorKey = errorKey;

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TenantOnboardingException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The error catalogue key (e.g. <c>36004004</c>), when TikTok answered with one.</summary>
    [Id(0)] public string? ErrorKey { get; init; }
}
