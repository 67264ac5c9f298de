using System.Text.Json.Serialization;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Data.Orders;
using OpenClaw.TikTokShop.Simulator.Data.Products;

namespace OpenClaw.TikTokShop.Simulator.Truth;

/// <summary>The entity kinds <c>/_sim/truth/{shop_id}/entities</c> lists, one per search endpoint.</summary>
public enum EntityKind
{
    /// <summary>Orders (<c>/order/202309/orders/search</c>).</summary>
    Orders,

    /// <summary>Returns and refunds (<c>/return_refund/202309/returns/search</c>).</summary>
    Returns,

    /// <summary>Cancellations (<c>/return_refund/202309/cancellations/search</c>).</summary>
    Cancellations,

    /// <summary>Packages (<c>/fulfillment/202309/packages/search</c>).</summary>
    Packages,

    /// <summary>Products (<c>/product/202309/products/search</c>).</summary>
    Products,
}

/// <summary>
/// Every entity of one kind the API could return for a shop at a simulated instant (the set a search without filters
/// returns), with the status and update_time the API shows then. Computed from the generator's plans, never from API
/// responses, with the same state functions the endpoints use.
/// </summary>
public sealed class EntityTruth(OrderPlanner orders, ProductCatalog products)
{
    /// <summary>Parses <c>orders|returns|cancellations|packages|products</c> (case-insensitive).</summary>
    public static bool TryParseKind(string? text, out EntityKind kind)
    {
        // Names only: Enum.TryParse would also take numbers and comma lists.
        var name = Enum.GetNames<EntityKind>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        kind = name is null ? default : Enum.Parse<EntityKind>(name);
        return name is not null;
    }

    /// <summary>The entities of <paramref name="kind"/> visible at <paramref name="now"/> (simulated Unix seconds), sorted by id.</summary>
    public IReadOnlyList<EntityState> List(Shop shop, EntityKind kind, long now)
    {
        ArgumentNullException.ThrowIfNull(shop);
        IEnumerable<EntityState> items = kind == EntityKind.Products ? Products(shop, now) : FromOrders(shop, kind, now);
        return items.OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    private IEnumerable<EntityState> FromOrders(Shop shop, EntityKind kind, long now)
    {
        // The unbounded window is exactly what a search without time filters scans.
        foreach (var order in new ScanWindow(null, null, null, null).Orders(orders, shop, now, OrderPlanner.MaxTimelineDays, entityIsOrder: true))
        {
            switch (kind)
            {
                case EntityKind.Orders:
                    var state = order.StateAt(now)!;
                    yield return new EntityState(order.Id, state.Status, state.Time, order.CreateTime);
                    break;
                case EntityKind.Returns when order.Return is { } ret && ret.StateAt(now) is { } returnState:
                    yield return new EntityState(ret.Id, returnState.Status, returnState.Time, ret.CreateTime)
                    {
                        OrderId = order.Id,
                        ReturnStatus = returnState.Status,
                    };
                    break;
                case EntityKind.Cancellations when order.Cancel is { } cancel && cancel.StateAt(now) is { } cancelState:
                    yield return new EntityState(cancel.Id(order.Id), cancelState.Status, cancelState.Time, cancel.RequestTime)
                    {
                        OrderId = order.Id,
                        CancelStatus = cancelState.Status,
                    };
                    break;
                case EntityKind.Packages when order.PackageStateAt(now) is { } packageState:
                    yield return new EntityState(order.PackageId, packageState.Status, packageState.Time, order.PackageCreateTime!.Value)
                    {
                        OrderId = order.Id,
                        PackageStatus = packageState.Status,
                    };
                    break;
            }
        }
    }

    private IEnumerable<EntityState> Products(Shop shop, long now) =>
        products.For(shop).Where(p => p.CreateTime <= now).Select(p =>
        {
            var state = p.StateAt(now)!;
            return new EntityState(p.Id, state.Status, state.Time, p.CreateTime) { AuditStatus = state.AuditStatus };
        });
}

/// <summary>One entity as the API shows it at the truth's <c>as_of</c>; kind-specific fields are omitted for other kinds.</summary>
/// <param name="Id">order id, return_id, cancel_id, package id or product id.</param>
/// <param name="Status">The status the search (and detail) endpoint returns.</param>
/// <param name="UpdateTime">update_time, simulated Unix seconds.</param>
/// <param name="CreateTime">create_time, simulated Unix seconds.</param>
public sealed record EntityState(string Id, string Status, long UpdateTime, long CreateTime)
{
    /// <summary>The order a return, cancellation or package belongs to.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OrderId { get; init; }

    /// <summary>Returns: <see cref="Status"/> under the API's field name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReturnStatus { get; init; }

    /// <summary>Cancellations: <see cref="Status"/> under the API's field name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CancelStatus { get; init; }

    /// <summary>Packages: <see cref="Status"/> under the search filter's name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PackageStatus { get; init; }

    /// <summary>Products: <c>audit.status</c> of the product detail.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AuditStatus { get; init; }
}
