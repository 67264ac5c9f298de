using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Json;
using OpenClaw.TikTokShop.Transport;

namespace OpenClaw.TikTokShop.Seller;

/// <summary>
/// Seller-level calls (<c>/authorization/202309</c>, <c>/seller/202309</c>): signed, with the access token, never
/// with a shop cipher. <see cref="ShopAccess.ShopId"/> only names the budget and telemetry key here.
/// </summary>
public sealed class SellerApi
{
    private const string AuthorizedShopsPath = "/authorization/202309/shops";
    private const string ActiveShopsPath = "/seller/202309/shops";
    private const string PermissionsPath = "/seller/202309/permissions";
    private readonly TikTokShopTransport _transport;

    internal SellerApi(TikTokShopTransport transport) => _transport = transport;

    /// <summary>The shops the seller authorized this app for, with their ciphers.</summary>
    public async Task<TikTokShopResult<IReadOnlyList<AuthorizedShop>>> GetAuthorizedShopsAsync(
        ShopAccess access, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.SendAsync(new ApiRequest(HttpMethod.Get, AuthorizedShopsPath), access, options,
            TikTokShopJsonContext.Default.AuthorizedShopsData, cancellationToken).ConfigureAwait(false);
        return result.Map(d => d.Shops ?? (IReadOnlyList<AuthorizedShop>)[]);
    }

    /// <summary>The seller's active shops.</summary>
    public async Task<TikTokShopResult<IReadOnlyList<ActiveShop>>> GetActiveShopsAsync(
        ShopAccess access, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.SendAsync(new ApiRequest(HttpMethod.Get, ActiveShopsPath), access, options,
            TikTokShopJsonContext.Default.ActiveShopsData, cancellationToken).ConfigureAwait(false);
        return result.Map(d => d.Shops ?? (IReadOnlyList<ActiveShop>)[]);
    }

    /// <summary>The permissions the seller granted.</summary>
    public async Task<TikTokShopResult<IReadOnlyList<string>>> GetPermissionsAsync(
        ShopAccess access, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.SendAsync(new ApiRequest(HttpMethod.Get, PermissionsPath), access, options,
            TikTokShopJsonContext.Default.SellerPermissionsData, cancellationToken).ConfigureAwait(false);
        return result.Map(d => d.Permissions ?? (IReadOnlyList<string>)[]);
    }
}
