namespace OpenClaw.Grains.Entities;

/// <summary>The kinds of entity a shop grain stores, one Redis hash per shop and kind (<see cref="EntityKeys"/>).</summary>
public static class EntityKind
{
    /// <summary>Orders (<see cref="StoredOrder"/>), keyed by order id.</summary>
    public const string Order = "order";

    /// <summary>Returns and refunds (<see cref="StoredReturn"/>), keyed by return id.</summary>
    public const string Return = "return";

    /// <summary>Cancellations (<see cref="StoredCancellation"/>), keyed by cancel id.</summary>
    public const string Cancellation = "cancellation";

    /// <summary>Products with audit status (<see cref="StoredProduct"/>), keyed by product id.</summary>
    public const string Product = "product";

    /// <summary>Packages (<see cref="StoredPackage"/>), keyed by package id.</summary>
    public const string Package = "package";

    /// <summary>Carrier scans of an order's package (<see cref="StoredTracking"/>), keyed by order id.</summary>
    public const string Tracking = "tracking";

    /// <summary>Warehouses (<see cref="StoredWarehouse"/>), keyed by warehouse id.</summary>
    public const string Warehouse = "warehouse";

    /// <summary>TikTok's shop performance per shop-local day (<see cref="StoredPerformanceDay"/>), keyed by <c>yyyy-MM-dd</c>.</summary>
    public const string PerformanceDay = "performance";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [Order, Return, Cancellation, Product, Package, Tracking, Warehouse, PerformanceDay];
}

/// <summary>Redis key layout of stored entities. The <c>{s:…}</c> hash tag keeps one shop's keys in one cluster slot (one Lua call per page).</summary>
public static class EntityKeys
{
    /// <summary>The hash of one shop's entities of one kind: field = entity id, value = <c>&lt;update_time unix s&gt;|&lt;json&gt;</c>.</summary>
    public static string Hash(string shopId, string kind) => $"oc:{{s:{shopId}}}:e:{kind}";
}
