using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Metrics.Storage;
using StackExchange.Redis;

namespace OpenClaw.Bench.Api;

/// <summary>How a seeding went.</summary>
internal sealed record SeedResult(int Shops, int Days, long Orders, long Returns, long Cancellations, long FieldWrites, TimeSpan Elapsed);

/// <summary>
/// Writes shops' day buckets the way the shop grain does: generated orders (with line items, warehouse, shipping and
/// delivery times), their returns, cancellations and carrier scans, and the shop's products and warehouses are upserted
/// into the <see cref="EntityStore"/> page by page, then <see cref="MetricBook.ApplyAsync"/> recomputes the touched
/// groups and increments the buckets (ledger and buckets in one script). Deterministic per shop (seeded random).
/// Per order: paid 5 min after creation; 3 % cancelled (a third by the seller); shipped 6–60 h after payment against a
/// 48 h SLA; collected 6 h later; delivered 1–5 days later; 5 % of delivered orders returned and refunded; 2 % of
/// shipped orders carry a carrier exception scan.
/// </summary>
internal sealed class MetricSeeder(IConnectionMultiplexer redis)
{
    public const int ProductsPerShop = 30;
    public const int WarehousesPerShop = 3;
    private const int OrdersPerPage = 50;
    private static readonly string[] Categories = ["Women's Dresses", "Phone Cases", "Kitchen Tools", "Skincare", "Pet Toys", "Sneakers"];
    private static readonly string[] ExceptionScans = ["USPS 9003: Package refused", "J&T Express E104: Address incomplete", "Ninja Van NV-21: Parcel damaged"];

    private readonly EntityStore store = new(redis);
    private readonly MetricBook book = new(redis, new EntityStore(redis), Options.Create(new MetricsOptions()));

    /// <summary>Seeds <paramref name="days"/> shop-local days ending today for every shop, <paramref name="parallel"/> shops at once.</summary>
    public async Task<SeedResult> SeedAsync(IReadOnlyList<(string ShopId, string Zone)> shops, int days, int ordersPerDay, int parallel, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        long orders = 0, returns = 0, cancels = 0, writes = 0;
        var done = 0;
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(shops, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (shop, _) =>
        {
            var counts = await SeedShopAsync(shop.ShopId, TimeZoneInfo.FindSystemTimeZoneById(shop.Zone), days, ordersPerDay, now);
            Interlocked.Add(ref orders, counts.Orders);
            Interlocked.Add(ref returns, counts.Returns);
            Interlocked.Add(ref cancels, counts.Cancellations);
            Interlocked.Add(ref writes, counts.FieldWrites);
            if (Interlocked.Increment(ref done) % Math.Max(1, shops.Count / 10) == 0)
            {
                Console.WriteLine($"  seeded {done:N0}/{shops.Count:N0} shops ({Interlocked.Read(ref orders):N0} orders) after {watch.Elapsed.TotalSeconds:F0} s");
            }
        });
        return new SeedResult(shops.Count, days, orders, returns, cancels, writes, watch.Elapsed);
    }

    private async Task<(long Orders, long Returns, long Cancellations, long FieldWrites)> SeedShopAsync(
        string shopId, TimeZoneInfo zone, int days, int ordersPerDay, DateTimeOffset now)
    {
        var random = new Random(StringComparer.Ordinal.GetHashCode(shopId) ^ 0x5eed);
        var created = now.AddDays(-days - 30);
        var products = Enumerable.Range(0, ProductsPerShop).Select(i => new StoredProduct(
            $"bp-{shopId}-{i:D2}", $"Product {i}", i % 29 == 28 ? "FREEZE" : "ACTIVATE", i % 17 == 16 ? "FAILED" : "APPROVED",
            i % 17 == 16 ? ["Prohibited claims in the title"] : [], $"cat-{i % Categories.Length}", Categories[i % Categories.Length], created, created)).ToList();
        var warehouses = Enumerable.Range(0, WarehousesPerShop)
            .Select(i => new StoredWarehouse($"bw-{shopId}-{i}", $"Warehouse {(char)('A' + i)}", "SALES_WAREHOUSE", i == 0, null)).ToList();
        var setup = products.Select(p => Version(EntityKind.Product, p.Id, p.UpdateTime, JsonSerializer.Serialize(p, StoredEntityJson.Default.StoredProduct)))
            .Concat(warehouses.Select(w => Version(EntityKind.Warehouse, w.Id, created, JsonSerializer.Serialize(w, StoredEntityJson.Default.StoredWarehouse))))
            .ToList();
        await book.EnsureZoneAsync(shopId, zone.Id, now);
        var writes = await WritePageAsync(shopId, zone, setup, now);

        long orders = 0, returns = 0, cancels = 0;
        var page = new List<EntityVersion>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        for (var day = today.AddDays(1 - days); day <= today; day = day.AddDays(1))
        {
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));
            for (var n = 0; n < ordersPerDay; n++)
            {
                var createTime = midnight.AddSeconds(random.Next(0, 86_000));
                if (createTime > now)
                {
                    continue;
                }

                var (order, extras) = Order(shopId, $"bo-{shopId}-{day:yyyyMMdd}-{n:D4}", createTime, now, products, warehouses, random);
                orders++;
                page.Add(Version(EntityKind.Order, order.Id, order.UpdateTime, JsonSerializer.Serialize(order, StoredEntityJson.Default.StoredOrder)));
                page.AddRange(extras);
                returns += extras.Count(e => e.Kind == EntityKind.Return);
                cancels += extras.Count(e => e.Kind == EntityKind.Cancellation);
                if (page.Count(v => v.Kind == EntityKind.Order) >= OrdersPerPage)
                {
                    writes += await WritePageAsync(shopId, zone, page, now);
                    page.Clear();
                }
            }
        }

        writes += await WritePageAsync(shopId, zone, page, now);
        return (orders, returns, cancels, writes);
    }

    private async Task<long> WritePageAsync(string shopId, TimeZoneInfo zone, List<EntityVersion> page, DateTimeOffset now)
    {
        if (page.Count == 0)
        {
            return 0;
        }

        await store.UpsertAsync(shopId, page);
        return (await book.ApplyAsync(shopId, zone, TouchedGroups.Of(page), now)).FieldWrites;
    }

    private static (StoredOrder Order, List<EntityVersion> Extras) Order(
        string shopId, string id, DateTimeOffset createTime, DateTimeOffset now, List<StoredProduct> products, List<StoredWarehouse> warehouses, Random random)
    {
        var extras = new List<EntityVersion>();
        var paid = createTime.AddMinutes(5);
        var lines = Enumerable.Range(0, 1 + (random.Next(0, 10) / 7))
            .Select(_ => new StoredLineItem(products[random.Next(0, products.Count)].Id, 5m + random.Next(0, 9_500) / 100m)).ToList();
        var total = lines.Sum(l => l.SalePrice ?? 0);
        var warehouse = warehouses[random.Next(0, warehouses.Count)].Id;
        var sla = paid.AddHours(48);
        if (random.NextDouble() < 0.03)
        {
            var cancelTime = paid.AddHours(random.Next(1, 20));
            var seller = random.Next(0, 3) == 0;
            var cancel = new StoredCancellation("bc-" + id, id, "CANCEL", "CANCELLATION_REQUEST_COMPLETE", seller ? "SELLER" : "BUYER",
                seller ? "Out of stock" : "No longer needed", null, "USD", total, cancelTime, cancelTime);
            extras.Add(Version(EntityKind.Cancellation, cancel.Id, cancelTime, JsonSerializer.Serialize(cancel, StoredEntityJson.Default.StoredCancellation)));
            return (Stored(id, "CANCELLED", createTime, Min(cancelTime, now), paid, total, lines, warehouse, null, seller ? "SELLER" : "BUYER", cancelTime, sla, null, null, null), extras);
        }

        var rts = paid.AddHours(random.Next(6, 60));
        if (rts > now)
        {
            return (Stored(id, "AWAITING_SHIPMENT", createTime, paid, paid, total, lines, warehouse, null, null, null, sla, null, null, null), extras);
        }

        var collected = rts.AddHours(6);
        DateTimeOffset? delivered = collected.AddHours(random.Next(24, 120)) is var d && d <= now ? d : null;
        var scans = new List<StoredScan> { new("Picked up by carrier", collected) };
        if (random.NextDouble() < 0.02)
        {
            scans.Insert(0, new StoredScan(ExceptionScans[random.Next(0, ExceptionScans.Length)], collected.AddHours(12)));
        }

        if (delivered is { } at)
        {
            scans.Insert(0, new StoredScan("Delivered", at));
        }

        var tracking = new StoredTracking(id, "bk-" + id, scans, scans[0].Time);
        extras.Add(Version(EntityKind.Tracking, id, tracking.UpdateTime, JsonSerializer.Serialize(tracking, StoredEntityJson.Default.StoredTracking)));
        var status = delivered is null ? "IN_TRANSIT" : "COMPLETED";
        var updated = Min(scans[0].Time, now);
        if (delivered is { } received && random.NextDouble() < 0.05 && received.AddDays(2) <= now)
        {
            var done = received.AddDays(2);
            var request = new StoredReturn("br-" + id, id, "RETURN_AND_REFUND", "RETURN_OR_REFUND_REQUEST_COMPLETE", "BUYER", "Item not as described", null,
                "USD", lines[0].SalePrice, received.AddDays(1), done);
            extras.Add(Version(EntityKind.Return, request.Id, done, JsonSerializer.Serialize(request, StoredEntityJson.Default.StoredReturn)));
        }

        return (Stored(id, status, createTime, updated, paid, total, lines, warehouse, "TRK" + id[^12..], null, null, sla, rts, collected, delivered), extras);
    }

    private static StoredOrder Stored(
        string id, string status, DateTimeOffset create, DateTimeOffset update, DateTimeOffset paid, decimal total, List<StoredLineItem> lines, string warehouse,
        string? tracking, string? initiator, DateTimeOffset? cancelTime, DateTimeOffset sla, DateTimeOffset? rts, DateTimeOffset? collected, DateTimeOffset? delivered) =>
        new(id, status, create, update, paid, "USD", total, lines.Count, [.. lines.Select(l => l.ProductId!).Distinct()], warehouse,
            tracking is null ? null : "USPS", tracking, initiator, cancelTime, initiator is null ? null : "Cancelled", sla, rts, collected, delivered,
            tracking is null ? [] : ["bk-" + id], lines);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static EntityVersion Version(string kind, string id, DateTimeOffset updateTime, string json) => new(kind, id, updateTime, json);
}
