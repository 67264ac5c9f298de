using System.Text.Json.Serialization;
using OpenClaw.TikTokShop.Analytics;
using OpenClaw.TikTokShop.Auth;
using OpenClaw.TikTokShop.Events;
using OpenClaw.TikTokShop.Fulfillment;
using OpenClaw.TikTokShop.Orders;
using OpenClaw.TikTokShop.Products;
using OpenClaw.TikTokShop.Returns;
using OpenClaw.TikTokShop.Seller;

namespace OpenClaw.TikTokShop.Json;

/// <summary>
/// Source-generated snake_case JSON for every request body and response <c>data</c>. Required constructor
/// parameters and nullable annotations are enforced, so a missing id or a null where a value must be becomes a
/// bad-response error instead of a half-filled record.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(OrderSearchBody))]
[JsonSerializable(typeof(OrderSearchData))]
[JsonSerializable(typeof(OrderListData))]
[JsonSerializable(typeof(ProductSearchBody))]
[JsonSerializable(typeof(ProductSearchData))]
[JsonSerializable(typeof(ProductDetail))]
[JsonSerializable(typeof(InventoryUpdateBody))]
[JsonSerializable(typeof(InventoryUpdateResult))]
[JsonSerializable(typeof(ReturnSearchBody))]
[JsonSerializable(typeof(ReturnSearchData))]
[JsonSerializable(typeof(CancellationSearchBody))]
[JsonSerializable(typeof(CancellationSearchData))]
[JsonSerializable(typeof(PackageSearchBody))]
[JsonSerializable(typeof(PackageSearchData))]
[JsonSerializable(typeof(TrackingData))]
[JsonSerializable(typeof(WarehouseListData))]
[JsonSerializable(typeof(ShopPerformanceData))]
[JsonSerializable(typeof(AuthorizedShopsData))]
[JsonSerializable(typeof(ActiveShopsData))]
[JsonSerializable(typeof(SellerPermissionsData))]
[JsonSerializable(typeof(WebhookSubscriptionsData))]
[JsonSerializable(typeof(WebhookUpdateBody))]
[JsonSerializable(typeof(WebhookDeleteBody))]
[JsonSerializable(typeof(TokenGrant))]
[JsonSerializable(typeof(EmptyData))]
internal sealed partial class TikTokShopJsonContext : JsonSerializerContext;

/// <summary><c>data</c> of calls that return nothing useful (it may be absent, null or an object).</summary>
public sealed record EmptyData;
