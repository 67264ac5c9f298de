using System.Text.Json;
using OpenClaw.Grains.Entities;
using OpenClaw.TikTokShop.Analytics;
using OpenClaw.TikTokShop.Fulfillment;
using OpenClaw.TikTokShop.Orders;
using OpenClaw.TikTokShop.Products;
using OpenClaw.TikTokShop.Returns;

// Not "OpenClaw.Grains.Tests.Entities": that would shadow OpenClaw.Grains.Entities for code in OpenClaw.Grains.Tests.* that writes "Entities.X".
namespace OpenClaw.Grains.Tests.EntityStorage;

public sealed class EntityProjectionTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);

    private static string[] PropertyNames(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
    }

    private static JsonElement Property(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty(name).Clone();
    }

    private static Order FullOrder() => new(
        "576000000000000001", "IN_TRANSIT", T, T.AddHours(30), PaidTime: T.AddMinutes(2),
        Payment: new OrderPayment("MYR", SubTotal: 100m, ShippingFee: 5m, TotalAmount: 123.45m, SellerDiscount: 1m, PlatformDiscount: 2m, Tax: 3m),
        LineItems:
        [
            new OrderLineItem("li-1", SkuId: "sku-1", ProductId: "p-1", ProductName: "连衣裙", SellerSku: "DRESS-S", SalePrice: 50m),
            new OrderLineItem("li-2", SkuId: "sku-1", ProductId: "p-1", ProductName: "连衣裙", SellerSku: "DRESS-S", SalePrice: 50m),
            new OrderLineItem("li-3", SkuId: "sku-9", ProductId: "p-2", ProductName: "Hat"),
            new OrderLineItem("li-4"),
        ],
        Packages: [new OrderPackageRef("pkg-1"), new OrderPackageRef("pkg-2")],
        ShippingType: "TIKTOK", FulfillmentType: "FULFILLMENT_BY_SELLER", TrackingNumber: "TRK123", ShippingProvider: "J&T Express",
        CancellationInitiator: "SELLER", CancelTime: T.AddHours(5), CancelReason: "Out of stock", RtsSlaTime: T.AddDays(2),
        TtsSlaTime: T.AddDays(3), RtsTime: T.AddDays(1), CollectionTime: T.AddDays(1).AddHours(3), DeliveryTime: T.AddDays(4),
        IsOnHoldOrder: false, WarehouseId: "wh-1");

    // ----- Orders -----

    [Fact]
    public void Of_Order_KeepsStatusTimesMoneyProductsAndPackages()
    {
        var order = FullOrder();

        var version = EntityProjection.Of(order);
        var stored = JsonSerializer.Deserialize(version.Json, StoredEntityJson.Default.StoredOrder)!;

        Assert.Equal((EntityKind.Order, "576000000000000001", T.AddHours(30)), (version.Kind, version.Id, version.UpdateTime));
        Assert.Equal("IN_TRANSIT", stored.Status);
        Assert.Equal((T, T.AddHours(30), T.AddMinutes(2)), (stored.CreateTime, stored.UpdateTime, stored.PaidTime));
        Assert.Equal(("MYR", 123.45m), (stored.Currency, stored.TotalAmount));
        Assert.Equal(4, stored.Items);
        Assert.Equal(["p-1", "p-2"], stored.ProductIds);
        Assert.Equal(["pkg-1", "pkg-2"], stored.PackageIds);
        Assert.Equal(("wh-1", "J&T Express", "TRK123"), (stored.WarehouseId, stored.ShippingProvider, stored.TrackingNumber));
        Assert.Equal(("SELLER", T.AddHours(5), "Out of stock"), (stored.CancellationInitiator, stored.CancelTime, stored.CancelReason));
        Assert.Equal((T.AddDays(2), T.AddDays(1)), (stored.RtsSlaTime, stored.RtsTime));
        Assert.Equal((T.AddDays(1).AddHours(3), T.AddDays(4)), (stored.CollectionTime, stored.DeliveryTime));
    }

    [Fact]
    public void Of_Order_StoredJsonIsSnakeCaseWithOnlyTheseFieldsAndNoBuyerData()
    {
        var json = EntityProjection.Of(FullOrder()).Json;

        Assert.Equal(
            [
                "cancel_reason", "cancel_time", "cancellation_initiator", "collection_time", "create_time", "currency", "delivery_time", "id",
                "items", "lines", "package_ids", "paid_time", "product_ids", "rts_sla_time", "rts_time", "shipping_provider", "status", "total_amount",
                "tracking_number", "update_time", "warehouse_id",
            ],
            PropertyNames(json));
        Assert.Equal(123.45m, Property(json, "total_amount").GetDecimal());
        // Line items keep only what product metrics need: the product and its sale price (docs/metrics.md, Dimensions).
        Assert.Equal(FullOrder().LineItems!.Count, Property(json, "lines").GetArrayLength());
        Assert.All(Property(json, "lines").EnumerateArray(), l => Assert.Subset(new HashSet<string> { "product_id", "sale_price" }, l.EnumerateObject().Select(p => p.Name).ToHashSet()));
        Assert.Equal(50m, Property(json, "lines")[0].GetProperty("sale_price").GetDecimal());
        foreach (var buyerish in new[] { "buyer", "recipient", "address", "email", "phone", "user" })
        {
            Assert.DoesNotContain(buyerish, json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Of_MinimalOrder_EmptyListsAndNoNulls()
    {
        var version = EntityProjection.Of(new Order("o-1", "UNPAID", T, T));

        Assert.Equal(["create_time", "id", "items", "lines", "package_ids", "product_ids", "status", "update_time"], PropertyNames(version.Json));
        Assert.Equal(0, Property(version.Json, "items").GetInt32());
        Assert.Equal(0, Property(version.Json, "product_ids").GetArrayLength());
        Assert.Equal(0, Property(version.Json, "package_ids").GetArrayLength());
    }

    [Fact]
    public void Of_SameOrderTwice_IdenticalJson() =>
        Assert.Equal(EntityProjection.Of(FullOrder()), EntityProjection.Of(FullOrder()));

    // ----- Tracking -----

    [Fact]
    public void Of_Tracking_NewestScanFirstVersionedByNewestScanInWholeSeconds()
    {
        TrackingEvent[] scans =
        [
            new("Picked up", T.AddMilliseconds(1_250)),
            new("Delivered", T.AddMilliseconds(90_999)),
            new("Sorted", T.AddMilliseconds(30_500)),
        ];

        var version = EntityProjection.Of("o-1", "pkg-1", scans, packageUpdate: T.AddHours(5));
        var stored = JsonSerializer.Deserialize(version.Json, StoredEntityJson.Default.StoredTracking)!;

        Assert.Equal((EntityKind.Tracking, "o-1", T.AddSeconds(90)), (version.Kind, version.Id, version.UpdateTime));
        Assert.Equal(("o-1", "pkg-1", T.AddSeconds(90)), (stored.OrderId, stored.PackageId, stored.UpdateTime));
        Assert.Equal(["Delivered", "Sorted", "Picked up"], stored.Scans.Select(s => s.Description));
        Assert.Equal(T.AddMilliseconds(90_999), stored.Scans[0].Time); // scans keep their milliseconds
    }

    [Fact]
    public void Of_Tracking_SameScansInAnotherOrder_SameVersion()
    {
        TrackingEvent[] scans = [new("Picked up", T.AddMilliseconds(1_250)), new("Delivered", T.AddMilliseconds(90_999))];

        var first = EntityProjection.Of("o-1", "pkg-1", scans, T);
        var again = EntityProjection.Of("o-1", "pkg-1", [.. Enumerable.Reverse(scans)], T.AddMinutes(1));

        Assert.Equal(first, again);
    }

    [Fact]
    public void Of_Tracking_WithoutScans_VersionedByPackageUpdateInWholeSeconds()
    {
        var version = EntityProjection.Of("o-1", "pkg-1", [], T.AddMilliseconds(42_800));

        Assert.Equal(T.AddSeconds(42), version.UpdateTime);
        Assert.Equal(0, Property(version.Json, "scans").GetArrayLength());
        Assert.Equal(["order_id", "package_id", "scans", "update_time"], PropertyNames(version.Json));
    }

    // ----- Products -----

    [Fact]
    public void Of_Product_TakesLeafCategoryAuditStatusAndFailedReasons()
    {
        var product = new ProductDetail(
            "p-1", "夏季连衣裙", "PLATFORM_DEACTIVATED", T, T.AddDays(3),
            CategoryChains: [new("100", "Womenswear", IsLeaf: false), new("200", "Dresses", IsLeaf: true), new("300", "Other", IsLeaf: false)],
            Audit: new ProductAudit("FAILED"),
            AuditFailedReasons:
            [
                new("main_image", Reasons: ["Image contains watermark", "图片模糊"], Suggestions: ["Upload a clean image"]),
                new("title", Reasons: null),
                new("description", Reasons: ["Prohibited claim"]),
            ],
            Skus: [new ProductSku("sku-1", "DRESS-S", new SkuPrice("MYR", 50m))]);

        var version = EntityProjection.Of(product);
        var stored = JsonSerializer.Deserialize(version.Json, StoredEntityJson.Default.StoredProduct)!;

        Assert.Equal((EntityKind.Product, "p-1", T.AddDays(3)), (version.Kind, version.Id, version.UpdateTime));
        Assert.Equal(("夏季连衣裙", "PLATFORM_DEACTIVATED", "FAILED"), (stored.Title, stored.Status, stored.AuditStatus));
        Assert.Equal(["Image contains watermark", "图片模糊", "Prohibited claim"], stored.AuditFailedReasons);
        Assert.Equal(("200", "Dresses"), (stored.CategoryId, stored.CategoryName));
        Assert.Equal(
            ["audit_failed_reasons", "audit_status", "category_id", "category_name", "create_time", "id", "status", "title", "update_time"],
            PropertyNames(version.Json));
    }

    [Fact]
    public void Of_Product_NoLeafFlag_TakesLastCategoryOfTheChain()
    {
        var product = new ProductDetail("p-1", "Hat", "ACTIVATE", T, T,
            CategoryChains: [new("100", "Accessories", IsLeaf: false), new("110", "Hats", IsLeaf: false)]);

        var stored = JsonSerializer.Deserialize(EntityProjection.Of(product).Json, StoredEntityJson.Default.StoredProduct)!;

        Assert.Equal(("110", "Hats"), (stored.CategoryId, stored.CategoryName));
    }

    [Fact]
    public void Of_Product_WithoutChainOrAudit_NoCategoryNoAuditEmptyReasons()
    {
        var version = EntityProjection.Of(new ProductDetail("p-1", "Hat", "DRAFT", T, T));
        var stored = JsonSerializer.Deserialize(version.Json, StoredEntityJson.Default.StoredProduct)!;

        Assert.Null(stored.CategoryId);
        Assert.Null(stored.AuditStatus);
        Assert.Empty(stored.AuditFailedReasons);
    }

    // ----- Unversioned kinds -----

    [Fact]
    public void Of_Warehouse_VersionedAtUnixEpochWithRegion()
    {
        var warehouse = new Warehouse("wh-1", "吉隆坡仓", "SALES_WAREHOUSE", IsDefault: true,
            Address: new WarehouseAddress("MY", "Selangor", "Shah Alam", "40000"));

        var version = EntityProjection.Of(warehouse);
        var stored = JsonSerializer.Deserialize(version.Json, StoredEntityJson.Default.StoredWarehouse)!;

        Assert.Equal((EntityKind.Warehouse, "wh-1", DateTimeOffset.UnixEpoch), (version.Kind, version.Id, version.UpdateTime));
        Assert.Equal(new StoredWarehouse("wh-1", "吉隆坡仓", "SALES_WAREHOUSE", true, "MY"), stored);
        Assert.Equal(["id", "is_default", "name", "region_code", "type"], PropertyNames(version.Json));
    }

    [Fact]
    public void Of_PerformanceDay_KeyedByDateVersionedAtUnixEpoch()
    {
        var day = new PerformanceInterval("2026-01-01", "2026-01-02", Gmv: new PerformanceAmount(1234.5m, "MYR"), Orders: 40, SkuOrders: 55,
            UnitsSold: 61, Buyers: 38, AvgOrderValue: new PerformanceAmount(30.86m, "MYR"), Refunds: new PerformanceAmount(20m, "MYR"),
            CancellationsAndReturns: 3);

        var version = EntityProjection.Of(day);
        var stored = JsonSerializer.Deserialize(version.Json, StoredEntityJson.Default.StoredPerformanceDay)!;

        Assert.Equal((EntityKind.PerformanceDay, "2026-01-01", DateTimeOffset.UnixEpoch), (version.Kind, version.Id, version.UpdateTime));
        Assert.Equal(new StoredPerformanceDay("2026-01-01", "MYR", 1234.5m, 40, 61, 38, 20m, 3), stored);
    }

    // ----- Windowed kinds keep their own update_time -----

    [Fact]
    public void Of_Return_KeepsStatusRefundAndUpdateTime()
    {
        var ret = new ReturnOrder("r-1", "o-1", "RETURN_AND_REFUND", "AWAITING_BUYER_SHIP", T, T.AddHours(2), Role: "BUYER",
            ReturnReason: "ecom_order_delivered_refund_and_return_reason_wrong_item", ReturnReasonText: "Wrong item",
            RefundAmount: new RefundAmount("MYR", 49.9m));

        var version = EntityProjection.Of(ret);

        Assert.Equal((EntityKind.Return, "r-1", T.AddHours(2)), (version.Kind, version.Id, version.UpdateTime));
        Assert.Equal(
            new StoredReturn("r-1", "o-1", "RETURN_AND_REFUND", "AWAITING_BUYER_SHIP", "BUYER", "ecom_order_delivered_refund_and_return_reason_wrong_item",
                "Wrong item", "MYR", 49.9m, T, T.AddHours(2)),
            JsonSerializer.Deserialize(version.Json, StoredEntityJson.Default.StoredReturn));
    }

    [Fact]
    public void Of_Cancellation_KeepsStatusRoleAndUpdateTime()
    {
        var cancellation = new Cancellation("c-1", "o-1", "CANCEL", "CANCELLATION_REQUEST_COMPLETE", T, T.AddMinutes(30), Role: "SELLER",
            CancelReason: "seller_out_of_stock", RefundAmount: new RefundAmount("MYR", 10m));

        var version = EntityProjection.Of(cancellation);

        Assert.Equal((EntityKind.Cancellation, "c-1", T.AddMinutes(30)), (version.Kind, version.Id, version.UpdateTime));
        Assert.Equal(
            new StoredCancellation("c-1", "o-1", "CANCEL", "CANCELLATION_REQUEST_COMPLETE", "SELLER", "seller_out_of_stock", null, "MYR", 10m,
                T, T.AddMinutes(30)),
            JsonSerializer.Deserialize(version.Json, StoredEntityJson.Default.StoredCancellation));
    }

    [Fact]
    public void Of_Package_KeepsOrdersTrackingAndProvider()
    {
        var package = new Package("pkg-1", "FULFILLING", T, T.AddHours(1), Orders: [new("o-1"), new("o-2")], TrackingNumber: "TRK9",
            ShippingProviderId: "sp-7", ShippingProviderName: "Ninja Van");

        var version = EntityProjection.Of(package);
        var stored = JsonSerializer.Deserialize(version.Json, StoredEntityJson.Default.StoredPackage)!;

        Assert.Equal((EntityKind.Package, "pkg-1", T.AddHours(1)), (version.Kind, version.Id, version.UpdateTime));
        Assert.Equal(["o-1", "o-2"], stored.OrderIds);
        Assert.Equal(("FULFILLING", "TRK9", "Ninja Van"), (stored.Status, stored.TrackingNumber, stored.ShippingProvider));
    }
}
