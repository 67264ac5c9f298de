using System.Text.Json;
using OpenClaw.TikTokShop.Analytics;
using OpenClaw.TikTokShop.Fulfillment;
using OpenClaw.TikTokShop.Orders;
using OpenClaw.TikTokShop.Products;
using OpenClaw.TikTokShop.Returns;

namespace OpenClaw.Grains.Entities;

/// <summary>Maps TikTok's wire models to the stored projections (dropping anything about the buyer).</summary>
public static class EntityProjection
{
    /// <summary>An order version.</summary>
    public static EntityVersion Of(Order o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var stored = new StoredOrder(o.Id, o.Status, o.CreateTime, o.UpdateTime, o.PaidTime, o.Payment?.Currency, o.Payment?.TotalAmount,
            o.LineItems?.Count ?? 0, o.LineItems?.Select(i => i.ProductId).OfType<string>().Distinct(StringComparer.Ordinal).ToList() ?? [],
            o.WarehouseId, o.ShippingProvider, o.TrackingNumber, o.CancellationInitiator, o.CancelTime, o.CancelReason, o.RtsSlaTime, o.RtsTime,
            o.CollectionTime, o.DeliveryTime, o.Packages?.Select(p => p.Id).ToList() ?? [],
            o.LineItems?.Select(i => new StoredLineItem(i.ProductId, i.SalePrice)).ToList() ?? []);
        return new(EntityKind.Order, o.Id, o.UpdateTime, JsonSerializer.Serialize(stored, StoredEntityJson.Default.StoredOrder));
    }

    /// <summary>A return version.</summary>
    public static EntityVersion Of(ReturnOrder r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var stored = new StoredReturn(r.ReturnId, r.OrderId, r.ReturnType, r.ReturnStatus, r.Role, r.ReturnReason, r.ReturnReasonText,
            r.RefundAmount?.Currency, r.RefundAmount?.RefundTotal, r.CreateTime, r.UpdateTime);
        return new(EntityKind.Return, r.ReturnId, r.UpdateTime, JsonSerializer.Serialize(stored, StoredEntityJson.Default.StoredReturn));
    }

    /// <summary>A cancellation version.</summary>
    public static EntityVersion Of(Cancellation c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var stored = new StoredCancellation(c.CancelId, c.OrderId, c.CancelType, c.CancelStatus, c.Role, c.CancelReason, c.CancelReasonText,
            c.RefundAmount?.Currency, c.RefundAmount?.RefundTotal, c.CreateTime, c.UpdateTime);
        return new(EntityKind.Cancellation, c.CancelId, c.UpdateTime, JsonSerializer.Serialize(stored, StoredEntityJson.Default.StoredCancellation));
    }

    /// <summary>A product version from its detail (status, audit, leaf category).</summary>
    public static EntityVersion Of(ProductDetail p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var leaf = p.CategoryChains?.FirstOrDefault(c => c.IsLeaf) ?? (p.CategoryChains is { Count: > 0 } chain ? chain[^1] : null);
        var reasons = p.AuditFailedReasons?.SelectMany(r => r.Reasons ?? []).ToList() ?? [];
        var stored = new StoredProduct(p.Id, p.Title, p.Status, p.Audit?.Status, reasons, leaf?.Id, leaf?.LocalName, p.CreateTime, p.UpdateTime);
        return new(EntityKind.Product, p.Id, p.UpdateTime, JsonSerializer.Serialize(stored, StoredEntityJson.Default.StoredProduct));
    }

    /// <summary>A package version.</summary>
    public static EntityVersion Of(Package p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var stored = new StoredPackage(p.Id, p.Status, p.Orders?.Select(o => o.Id).ToList() ?? [], p.TrackingNumber, p.ShippingProviderName,
            p.CreateTime, p.UpdateTime);
        return new(EntityKind.Package, p.Id, p.UpdateTime, JsonSerializer.Serialize(stored, StoredEntityJson.Default.StoredPackage));
    }

    /// <summary>An order's tracking, newest scan first; versioned by the newest scan, or <paramref name="packageUpdate"/> without scans.</summary>
    public static EntityVersion Of(string orderId, string packageId, IReadOnlyList<TrackingEvent> scans, DateTimeOffset packageUpdate)
    {
        ArgumentNullException.ThrowIfNull(scans);
        var ordered = scans.OrderByDescending(s => s.UpdateTimeMillis).Select(s => new StoredScan(s.Description, s.UpdateTimeMillis)).ToList();
        var version = ordered.Count > 0 ? ordered[0].Time : packageUpdate;
        // Whole seconds, like every other update_time, so a re-fetch of the same scans is recognised as unchanged.
        version = DateTimeOffset.FromUnixTimeSeconds(version.ToUnixTimeSeconds());
        var stored = new StoredTracking(orderId, packageId, ordered, version);
        return new(EntityKind.Tracking, orderId, version, JsonSerializer.Serialize(stored, StoredEntityJson.Default.StoredTracking));
    }

    /// <summary>
    /// A warehouse. The API gives warehouses no update time, so every version has the same one (the Unix epoch): an
    /// identical list changes nothing and a renamed warehouse replaces the old (the grain is the only, sequential writer).
    /// </summary>
    public static EntityVersion Of(Warehouse w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var stored = new StoredWarehouse(w.Id, w.Name, w.Type, w.IsDefault, w.Address?.RegionCode);
        return new(EntityKind.Warehouse, w.Id, DateTimeOffset.UnixEpoch, JsonSerializer.Serialize(stored, StoredEntityJson.Default.StoredWarehouse));
    }

    /// <summary>One day of shop performance; like warehouses, unversioned (TikTok revises recent days: the latest read wins).</summary>
    public static EntityVersion Of(PerformanceInterval day)
    {
        ArgumentNullException.ThrowIfNull(day);
        var stored = new StoredPerformanceDay(day.StartDate, day.Gmv?.Currency, day.Gmv?.Amount, day.Orders, day.UnitsSold, day.Buyers,
            day.Refunds?.Amount, day.CancellationsAndReturns);
        return new(EntityKind.PerformanceDay, day.StartDate, DateTimeOffset.UnixEpoch, JsonSerializer.Serialize(stored, StoredEntityJson.Default.StoredPerformanceDay));
    }
}
