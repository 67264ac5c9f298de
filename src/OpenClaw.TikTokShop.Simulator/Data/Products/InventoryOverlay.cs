using System.Collections.Concurrent;

namespace OpenClaw.TikTokShop.Simulator.Data.Products;

/// <summary>Explicit inventory updates on top of the generated stock (the generator itself is never mutated).</summary>
public sealed class InventoryOverlay
{
    private readonly ConcurrentDictionary<(string SkuId, string WarehouseId), int> _quantities = new();

    /// <summary>The stock of a SKU in a warehouse: the last update, else the generated quantity.</summary>
    public int Quantity(string skuId, string warehouseId, int generated) =>
        _quantities.TryGetValue((skuId, warehouseId), out var q) ? q : generated;

    /// <summary>Sets the stock of a SKU in a warehouse.</summary>
    public void Set(string skuId, string warehouseId, int quantity) => _quantities[(skuId, warehouseId)] = quantity;
}
