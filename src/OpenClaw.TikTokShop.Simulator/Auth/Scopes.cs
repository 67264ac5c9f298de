namespace OpenClaw.TikTokShop.Simulator.Auth;

/// <summary>
/// The scope ("auth package") each API category needs. Real scope names are not all public; these are stable
/// simulator names, kept in this one place.
/// </summary>
public static class Scopes
{
    /// <summary>Every scope the simulator knows; new authorizations get all of them unless configured otherwise.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "seller.authorization.info", "seller.shop.info", "seller.order.info", "seller.product.basic", "seller.product.write",
        "seller.return_refund.basic", "seller.fulfillment.basic", "seller.logistics", "data.shop_analytics.public.read", "seller.webhook",
    ];
}
