using System.Text.Json.Serialization;
using OpenClaw.TikTokShop.Json;

namespace OpenClaw.TikTokShop.Orders;

/// <summary>
/// An order as search and detail return it (contract §5). Statuses stay strings: TikTok adds values.
/// <c>rts_time</c> (when the seller shipped) is read when present; the contract does not list it.
/// </summary>
public sealed record Order(
    string Id,
    string Status,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset CreateTime,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset UpdateTime,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset? PaidTime = null,
    OrderPayment? Payment = null,
    IReadOnlyList<OrderLineItem>? LineItems = null,
    IReadOnlyList<OrderPackageRef>? Packages = null,
    string? ShippingType = null,
    string? FulfillmentType = null,
    string? TrackingNumber = null,
    string? ShippingProvider = null,
    string? CancellationInitiator = null,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset? CancelTime = null,
    string? CancelReason = null,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset? RtsSlaTime = null,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset? TtsSlaTime = null,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset? RtsTime = null,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset? CollectionTime = null,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset? DeliveryTime = null,
    bool? IsOnHoldOrder = null,
    string? WarehouseId = null);

/// <summary>An order's payment breakdown (decimal strings on the wire).</summary>
public sealed record OrderPayment(
    string Currency,
    [property: JsonConverter(typeof(DecimalStringConverter))] decimal? SubTotal = null,
    [property: JsonConverter(typeof(DecimalStringConverter))] decimal? ShippingFee = null,
    [property: JsonConverter(typeof(DecimalStringConverter))] decimal? TotalAmount = null,
    [property: JsonConverter(typeof(DecimalStringConverter))] decimal? SellerDiscount = null,
    [property: JsonConverter(typeof(DecimalStringConverter))] decimal? PlatformDiscount = null,
    [property: JsonConverter(typeof(DecimalStringConverter))] decimal? Tax = null);

/// <summary>One line item (TikTok line items are per unit).</summary>
public sealed record OrderLineItem(
    string Id,
    string? SkuId = null,
    string? ProductId = null,
    string? ProductName = null,
    string? SellerSku = null,
    [property: JsonConverter(typeof(DecimalStringConverter))] decimal? SalePrice = null,
    [property: JsonConverter(typeof(DecimalStringConverter))] decimal? OriginalPrice = null,
    string? DisplayStatus = null,
    string? PackageId = null,
    string? PackageStatus = null,
    string? CancelReason = null,
    string? CancelUser = null);

/// <summary>A reference to a package of the order.</summary>
public sealed record OrderPackageRef(string Id);

/// <summary><c>data</c> of order search.</summary>
public sealed record OrderSearchData(IReadOnlyList<Order>? Orders = null, string? NextPageToken = null, int? TotalCount = null);

/// <summary><c>data</c> of get orders by ids.</summary>
public sealed record OrderListData(IReadOnlyList<Order>? Orders = null);

/// <summary>Body of order search; times are Unix seconds, nulls are left out.</summary>
internal sealed record OrderSearchBody(
    string? OrderStatus,
    long? CreateTimeGe,
    long? CreateTimeLt,
    long? UpdateTimeGe,
    long? UpdateTimeLt,
    string? ShippingType,
    IReadOnlyList<string>? WarehouseIds);
