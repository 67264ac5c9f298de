using Microsoft.Extensions.Logging;
using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Shops;
using OpenClaw.TikTokShop;
using OpenClaw.TikTokShop.Auth;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.Grains.Tenants;

/// <summary>
/// An agency tenant (issue 9): onboards shops from an authorization code or from already-issued tokens, and keeps the
/// index of its shops in its state and in Redis (<see cref="TenantIndex"/>). The grain never stores a token: each
/// shop grain stores its own, encrypted.
/// </summary>
public sealed partial class TenantGrain(
    [PersistentState("tenant", "Default")] IPersistentState<TenantState> tenant,
    TikTokShopAuthClient auth,
    TikTokShopClient client,
    TenantIndex index,
    TimeProvider time,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    /// <summary>Longest authorization code accepted (TikTok's are far shorter; this only bounds bad input).</summary>
    public const int MaxAuthCodeLength = 512;

    private string TenantId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShopSnapshot>> ConnectWithAuthCodeAsync(string authCode)
    {
        if (string.IsNullOrWhiteSpace(authCode) || authCode.Length > MaxAuthCodeLength)
        {
            throw new ArgumentException($"the authorization code must be 1–{MaxAuthCodeLength} characters", nameof(authCode));
        }

        var result = await auth.ExchangeCodeAsync(authCode.Trim());
        if (!result.IsSuccess)
        {
            throw new TenantOnboardingException($"TikTok refused the authorization code: {result.Error.Entry.Meaning} ({result.Error.Entry.Key}). {result.Error.Entry.FixEn}",
                result.Error.Entry.Key);
        }

        var grant = result.Value;
        return await ConnectAsync(new IssuedTokens(grant.AccessToken, grant.AccessTokenExpiresAt, grant.RefreshToken, grant.RefreshTokenExpiresAt, grant.GrantedScopes));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ShopSnapshot>> ConnectWithTokensAsync(IssuedTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (string.IsNullOrWhiteSpace(tokens.AccessToken) || string.IsNullOrWhiteSpace(tokens.RefreshToken))
        {
            throw new ArgumentException("both the access token and the refresh token are required", nameof(tokens));
        }

        if (tokens.RefreshTokenExpiresAt <= time.GetUtcNow())
        {
            throw new ArgumentException("the refresh token has already expired; the seller must authorize again", nameof(tokens));
        }

        return ConnectAsync(tokens);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetShopIdsAsync() => Task.FromResult<IReadOnlyList<string>>([.. tenant.State.ShopIds]);

    /// <inheritdoc />
    public Task<ShopSnapshot> DisconnectShopAsync(string shopId)
    {
        if (!tenant.State.ShopIds.Contains(shopId))
        {
            throw new KeyNotFoundException($"shop {shopId} is not one of tenant {TenantId}'s shops");
        }

        return GrainFactory.GetGrain<IShopGrain>(shopId).DisconnectAsync();
    }

    private async Task<IReadOnlyList<ShopSnapshot>> ConnectAsync(IssuedTokens tokens)
    {
        // The seller-level call that names the shops this grant covers, with their ciphers (contract §3).
        var access = new ShopAccess("tenant:" + TenantId, null, tokens.AccessToken);
        var shops = await client.Seller.GetAuthorizedShopsAsync(access, new CallOptions { Priority = CallPriority.Webhook });
        if (!shops.IsSuccess)
        {
            throw new TenantOnboardingException($"Could not list the authorized shops: {shops.Error.Entry.Meaning} ({shops.Error.Entry.Key}). {shops.Error.Entry.FixEn}",
                shops.Error.Entry.Key);
        }

        if (shops.Value.Count == 0)
        {
            throw new TenantOnboardingException("The authorization covers no shop.", "no_shops");
        }

        var connected = new List<ShopSnapshot>(shops.Value.Count);
        foreach (var s in shops.Value)
        {
            var registration = new ShopRegistration(TenantId, s.Name, s.Region, s.Cipher, s.SellerType, tokens);
            connected.Add(await GrainFactory.GetGrain<IShopGrain>(s.Id).ConnectAsync(registration));
            tenant.State.ShopIds.Add(s.Id);
        }

        tenant.State.CreatedAt ??= time.GetUtcNow();
        await tenant.WriteStateAsync();
        await index.AddAsync(TenantId, connected.Select(c => c.ShopId));
        LogOnboarded(TenantId, connected.Count);
        return connected;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} onboarded {Count} shops")]
    private partial void LogOnboarded(string tenantId, int count);
}
