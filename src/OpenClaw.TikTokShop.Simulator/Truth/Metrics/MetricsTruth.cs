using System.Globalization;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Data.Orders;
using OpenClaw.TikTokShop.Simulator.Data.Products;

namespace OpenClaw.TikTokShop.Simulator.Truth.Metrics;

/// <summary>
/// The ground truth of every metric of docs/metrics.md for a shop and a range of local days, computed from the
/// generator's own timelines as they stand at the simulated now (an entity counts by its current state).
/// </summary>
public sealed class MetricsTruth(OrderPlanner orders, ProductCatalog products)
{
    private const long Day = 86_400;

    /// <summary>The buckets of the local days <paramref name="from"/>..<paramref name="to"/> (inclusive) in <paramref name="calendar"/>.</summary>
    /// <param name="shop">The shop.</param>
    /// <param name="from">First local day.</param>
    /// <param name="to">Last local day.</param>
    /// <param name="calendar">The reporting zone's days (the shop's region zone unless a test changes it).</param>
    /// <param name="now">Simulated now, Unix seconds: nothing later counts.</param>
    public MetricsTruthReport Compute(Shop shop, DateOnly from, DateOnly to, LocalCalendar calendar, long now)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(calendar);
        var days = new DayBuckets(calendar, from, to, now);
        var named = new HashSet<string>(StringComparer.Ordinal);
        // An order created up to the longest timeline before the range can still have an event inside it; orders are
        // generated per region-local creation day, which may be a day off the reporting zone's.
        var region = shop.Region;
        var scanFrom = region.LocalDate(calendar.Midnight(from) - OrderPlanner.MaxTimelineDays * Day).AddDays(-1);
        var scanTo = region.LocalDate(Math.Min(now, calendar.Midnight(to.AddDays(1)) - 1));
        foreach (var order in orders.OrdersBetween(shop, scanFrom, scanTo))
        {
            if (order.CreateTime <= now)
            {
                OrderGroupTruth.Add(order, days, now, named);
            }
        }

        var catalogue = products.For(shop);
        var snapshot = ProductGroupTruth.Add(catalogue, days, now);
        var categories = catalogue.Where(p => p.CreateTime <= now || named.Contains(p.Id))
            .ToDictionary(p => p.Id, p => new ProductCategory(p.Category.Id, p.Category.LocalName), StringComparer.Ordinal);
        return new MetricsTruthReport(shop.Id, calendar.Zone.Id, region.Currency, now, Date(from), Date(to), days.ToDictionary(), snapshot, categories);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The answer of <c>GET /_sim/truth/{shop_id}/metrics</c> (docs/simulator.md).</summary>
/// <param name="ShopId">The shop.</param>
/// <param name="TimeZone">The IANA zone whose local days the buckets are.</param>
/// <param name="Currency">The shop's currency; money fields are its amounts × 100.</param>
/// <param name="AsOf">The simulated now the truth stands at, Unix seconds.</param>
/// <param name="From">First day, <c>yyyy-MM-dd</c>.</param>
/// <param name="To">Last day, <c>yyyy-MM-dd</c>.</param>
/// <param name="Days">Per local day the non-zero bucket fields of docs/metrics.md.</param>
/// <param name="Products">The product snapshot (current state of every product).</param>
/// <param name="ProductCategories">Each product's leaf category, by product id.</param>
public sealed record MetricsTruthReport(
    string ShopId,
    string TimeZone,
    string Currency,
    long AsOf,
    string From,
    string To,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Days,
    IReadOnlyDictionary<string, long> Products,
    IReadOnlyDictionary<string, ProductCategory> ProductCategories);

/// <summary>A product's leaf category (<c>category_chains</c> entry with <c>is_leaf</c>).</summary>
/// <param name="CategoryId">The leaf category id.</param>
/// <param name="CategoryName">Its <c>local_name</c>.</param>
public sealed record ProductCategory(string CategoryId, string CategoryName);
