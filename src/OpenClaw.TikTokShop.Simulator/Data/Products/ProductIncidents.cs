using System.Collections.Concurrent;

namespace OpenClaw.TikTokShop.Simulator.Data.Products;

/// <summary>
/// Status changes an admin injected into products (<c>POST /_sim/products/incident</c>), laid over the generated
/// timelines the way <see cref="InventoryOverlay"/> lays over stock: the generator is never mutated, and everything that
/// reads products through <see cref="ProductCatalog"/> (search, detail, webhooks, ground truth) sees the change from
/// its time on. In memory, lost on restart.
/// </summary>
public sealed class ProductIncidents
{
    private readonly ConcurrentDictionary<string, ProductEvent> _byProduct = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _latestByShop = new();

    /// <summary>True while nothing was injected (the catalogue then skips the overlay).</summary>
    public bool IsEmpty => _byProduct.IsEmpty;

    /// <summary>Records that <paramref name="productId"/> of shop <paramref name="shopIndex"/> changes to <paramref name="change"/> at its time (replacing an earlier injection).</summary>
    public void Add(int shopIndex, string productId, ProductEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _byProduct[productId] = change;
        _latestByShop.AddOrUpdate(shopIndex, change.Time, (_, latest) => Math.Max(latest, change.Time));
    }

    /// <summary>The time (Unix seconds) of the latest change injected into a product of shop <paramref name="shopIndex"/>; <see cref="long.MinValue"/> when none.</summary>
    public long LatestFor(int shopIndex) => _latestByShop.TryGetValue(shopIndex, out var latest) ? latest : long.MinValue;

    /// <summary>The plan with the injected change appended after the events before it, or the plan itself.</summary>
    public ProductPlan Apply(ProductPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return _byProduct.TryGetValue(plan.Id, out var change)
            ? plan with { Events = [.. plan.Events.Where(e => e.Time < change.Time), change] }
            : plan;
    }
}
