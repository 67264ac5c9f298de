using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Data.Orders;

namespace OpenClaw.TikTokShop.Simulator.Endpoints.Orders;

/// <summary>An order as the API shows it at one simulated instant (contract §5 field names, snake_case on the wire).</summary>
public sealed record OrderJson(
    string Id,
    string Status,
    long CreateTime,
    long UpdateTime,
    long? PaidTime,
    PaymentJson Payment,
    IReadOnlyList<LineItemJson> LineItems,
    IReadOnlyList<PackageRef> Packages,
    string ShippingType,
    string FulfillmentType,
    string? TrackingNumber,
    string? ShippingProvider,
    string? CancellationInitiator,
    long? CancelTime,
    string? CancelReason,
    long RtsSlaTime,
    long TtsSlaTime,
    long? RtsTime,
    long? CollectionTime,
    long? DeliveryTime,
    bool IsOnHoldOrder,
    string WarehouseId,
    string UserId)
{
    /// <summary>The order as visible at <paramref name="at"/>; the plan must exist by then.</summary>
    public static OrderJson At(OrderPlan plan, Shop shop, long at)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(shop);
        var state = plan.StateAt(at) ?? plan.Events[0];
        var region = shop.Region;
        var cancel = plan.Cancel is { } c && c.Time <= at ? c : null;
        var shipped = plan.RtsTime is { } rts && rts <= at;
        var packageVisible = plan.PackageCreateTime is { } pc && pc <= at;
        var packageStatus = plan.PackageStateAt(at)?.Status;
        var items = plan.LineItems.Select(i => new LineItemJson(i.Id, i.SkuId, i.ProductId, i.ProductName, i.SellerSku,
            region.Format(i.SalePrice), region.Format(i.OriginalPrice), state.Status, packageVisible ? plan.PackageId : null, packageStatus,
            cancel?.Reason, cancel?.Initiator)).ToList();
        var m = plan.Money;
        return new OrderJson(plan.Id, state.Status, plan.CreateTime, state.Time, Visible(plan.PaidTime, at),
            new PaymentJson(region.Currency, region.Format(m.SubTotal), region.Format(m.ShippingFee), region.Format(m.Total),
                region.Format(m.SellerDiscount), region.Format(m.PlatformDiscount), region.Format(m.Tax)),
            items, packageVisible ? [new PackageRef(plan.PackageId)] : [],
            "TIKTOK", "FULFILLMENT_BY_SELLER", shipped ? plan.TrackingNumber : null, shipped ? plan.ShippingProvider : null,
            cancel?.Initiator, cancel?.Time, cancel?.Reason, plan.RtsSlaTime, plan.TtsSlaTime,
            Visible(plan.RtsTime, at), Visible(plan.CollectionTime, at), Visible(plan.DeliveryTime, at),
            state.Status == "ON_HOLD", plan.WarehouseId, plan.BuyerId);
    }

    private static long? Visible(long? time, long at) => time is { } t && t <= at ? t : null;
}

/// <summary>Payment amounts (decimal strings).</summary>
public sealed record PaymentJson(string Currency, string SubTotal, string ShippingFee, string TotalAmount, string SellerDiscount, string PlatformDiscount, string Tax);

/// <summary>One line item.</summary>
public sealed record LineItemJson(string Id, string SkuId, string ProductId, string ProductName, string SellerSku, string SalePrice, string OriginalPrice,
    string DisplayStatus, string? PackageId, string? PackageStatus, string? CancelReason, string? CancelUser);

/// <summary>A package reference.</summary>
public sealed record PackageRef(string Id);

/// <summary>A page of order search results.</summary>
public sealed record OrderPage(string NextPageToken, int TotalCount, IReadOnlyList<OrderJson> Orders);

/// <summary>The orders of a get-by-ids call.</summary>
public sealed record OrderList(IReadOnlyList<OrderJson> Orders);
