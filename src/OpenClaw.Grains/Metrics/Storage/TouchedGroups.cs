using System.Text.Json;
using OpenClaw.Grains.Entities;

namespace OpenClaw.Grains.Metrics.Storage;

/// <summary>
/// The groups a batch of stored entities touches (docs/metrics.md): orders, returns, cancellations, packages (each of
/// their orders) and tracking → the order group; products → the product group. Warehouses and performance days have no
/// buckets. Returns and cancellations are also remembered as new members of their order group.
/// </summary>
public sealed class TouchedGroups
{
    /// <summary>Order id → return (<c>r…</c>) and cancellation (<c>c…</c>) ids seen in this batch.</summary>
    public Dictionary<string, HashSet<string>> Orders { get; } = new(StringComparer.Ordinal);

    /// <summary>Product ids.</summary>
    public HashSet<string> Products { get; } = new(StringComparer.Ordinal);

    /// <summary>True when nothing with buckets was touched.</summary>
    public bool IsEmpty => Orders.Count == 0 && Products.Count == 0;

    /// <summary>The groups of upserted versions.</summary>
    public static TouchedGroups Of(IEnumerable<EntityVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var touched = new TouchedGroups();
        foreach (var v in versions)
        {
            touched.Add(v.Kind, v.Id, v.Json);
        }

        return touched;
    }

    /// <summary>Adds one stored entity of <paramref name="kind"/> (an <see cref="EntityKind"/>).</summary>
    public void Add(string kind, string id, string json)
    {
        switch (kind)
        {
            case EntityKind.Order:
            case EntityKind.Tracking:
                Order(id);
                break;
            case EntityKind.Return:
                Order(JsonSerializer.Deserialize(json, StoredEntityJson.Default.StoredReturn)!.OrderId).Add(LedgerEntry.ReturnMember(id));
                break;
            case EntityKind.Cancellation:
                Order(JsonSerializer.Deserialize(json, StoredEntityJson.Default.StoredCancellation)!.OrderId).Add(LedgerEntry.CancellationMember(id));
                break;
            case EntityKind.Package:
                foreach (var orderId in JsonSerializer.Deserialize(json, StoredEntityJson.Default.StoredPackage)!.OrderIds)
                {
                    Order(orderId);
                }

                break;
            case EntityKind.Product:
                Products.Add(id);
                break;
        }
    }

    private HashSet<string> Order(string orderId)
    {
        if (!Orders.TryGetValue(orderId, out var members))
        {
            Orders[orderId] = members = new HashSet<string>(StringComparer.Ordinal);
        }

        return members;
    }
}
