namespace OpenClaw.TikTokShop.Signing;

/// <summary>
/// Decides which paths carry <c>shop_cipher</c>. The contract lists order, product, return_refund, fulfillment,
/// analytics and event as shop-scoped and forbids the cipher on authorization and seller paths.
/// </summary>
/// <remarks>
/// Unconfirmed: the contract does not classify <c>/logistics/*</c>. TikTok's warehouse call is per shop in
/// practice, so everything except the two forbidden categories is treated as shop-scoped. This is the one place
/// to change if that turns out wrong.
/// </remarks>
public static class ShopScope
{
    /// <summary>True when <paramref name="path"/> must carry <c>shop_cipher</c>.</summary>
    public static bool RequiresShopCipher(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return !path.StartsWith("/authorization/", StringComparison.Ordinal)
            && !path.StartsWith("/seller/", StringComparison.Ordinal);
    }
}
