namespace OpenClaw.TikTokShop.Simulator.Data;

/// <summary>
/// One generated shop. Its index is the key of every generator function; <see cref="Activity"/> multiplies its average
/// daily order count (see <see cref="ShopActivity"/>).
/// </summary>
public sealed record Shop(
    int Index,
    string Id,
    string Name,
    string Code,
    Region Region,
    string SellerType,
    string Cipher,
    double Activity,
    IReadOnlyList<Warehouse> Warehouses)
{
    /// <summary>The warehouses orders ship from.</summary>
    public IReadOnlyList<Warehouse> SalesWarehouses => Warehouses.Where(w => w.Type == "SALES_WAREHOUSE").ToList();

    /// <summary>The seller's open id (one seller per shop in the simulator).</summary>
    public string OpenId => "open_" + Id[^10..];
}

/// <summary>A shop warehouse.</summary>
public sealed record Warehouse(string Id, string Name, string Type, bool IsDefault, string RegionCode, string City);
