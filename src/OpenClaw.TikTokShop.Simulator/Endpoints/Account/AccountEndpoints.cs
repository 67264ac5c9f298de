using OpenClaw.TikTokShop.Simulator.Api;

namespace OpenClaw.TikTokShop.Simulator.Endpoints.Account;

/// <summary>Authorized shops, active shops and permissions (account-level: no shop_cipher).</summary>
public sealed class AccountEndpoints : IApiEndpoints
{
    /// <inheritdoc />
    public IEnumerable<ApiRoute> Routes =>
    [
        new("GET", "/authorization/202309/shops", "seller.authorization.info", CipherRule.Forbidden, call => new
        {
            Shops = new[] { new { call.Shop.Id, call.Shop.Name, Region = call.Shop.Region.Code, call.Shop.SellerType, call.Shop.Cipher, call.Shop.Code } },
        }),
        new("GET", "/seller/202309/shops", "seller.shop.info", CipherRule.Forbidden, call => new
        {
            Shops = new[] { new { call.Shop.Id, Region = call.Shop.Region.Code } },
        }),
        new("GET", "/seller/202309/permissions", "seller.shop.info", CipherRule.Forbidden, call => new { Permissions = call.Grant.Scopes }),
    ];
}
