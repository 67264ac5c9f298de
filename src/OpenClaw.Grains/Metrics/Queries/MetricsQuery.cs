using System.Text.Json;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Metrics.Storage;
using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Sync;
using StackExchange.Redis;

namespace OpenClaw.Grains.Metrics.Queries;

/// <summary>
/// Reads shops' day buckets from Redis, pipelined, never calling a grain (ARCHITECTURE §3): sums per shop, a shop's
/// daily series, comparisons by shop, region, warehouse or category with the total, shop health and reconciliation
/// (docs/metrics.md). Dates are shop-local and inclusive; each shop's own local days are summed.
/// </summary>
public sealed partial class MetricsQuery(IConnectionMultiplexer redis, EntityStore store, ShopReadModel readModel)
{
    /// <summary>Most days one query reads.</summary>
    public const int MaxDays = 366;

    /// <summary>The day boundary of every cross-shop result: each shop's own local midnight (docs/metrics.md).</summary>
    public const string ShopLocal = "shop-local";

    /// <summary>Sums of nothing (a tenant without shops).</summary>
    public static MetricSummary Empty => new MetricSums().ToSummary();

    /// <summary>Sums of every shop over the range, in the order given.</summary>
    /// <exception cref="ArgumentException">No shops, or the range is reversed or longer than <see cref="MaxDays"/>.</exception>
    public async Task<IReadOnlyList<ShopMetrics>> ShopTotalsAsync(IReadOnlyList<string> shopIds, DateOnly from, DateOnly to) =>
        (await OverviewAsync(shopIds, from, to).ConfigureAwait(false)).Shops;

    /// <summary>
    /// The tenant overview in one read (pipelined batches of <see cref="BatchReads"/>, one pass over shops × days):
    /// every shop's sums in the order given and their total (the same total <see cref="CompareAsync"/> gives for these shops).
    /// With <paramref name="reuse"/> (the <see cref="MetricsOverviewTotals.Sums"/> of an earlier overview of the same
    /// range) a shop whose buckets have not been written since (same version token, currency and zone) is not read
    /// again: a refresh costs the shops that changed, not every shop × day. The caller decides how long reuse is sound
    /// (buckets that expire by TTL change no version).
    /// </summary>
    /// <exception cref="ArgumentException">No shops, or the range is reversed or longer than <see cref="MaxDays"/>.</exception>
    public async Task<MetricsOverviewTotals> OverviewAsync(IReadOnlyList<string> shopIds, DateOnly from, DateOnly to,
        IReadOnlyDictionary<string, ShopRangeSums>? reuse = null)
    {
        CheckRange(shopIds, from, to);
        var db = redis.GetDatabase();

        // Versions first: a write landing after this read makes the next refresh read the shop again.
        var versions = await Task.WhenAll(shopIds.Select(s => db.HashGetAsync(MetricKeys.Meta(s), VersionFields))).ConfigureAwait(false);
        var sums = new Dictionary<string, ShopRangeSums>(shopIds.Count, StringComparer.Ordinal);
        var toRead = new List<string>();
        for (var i = 0; i < shopIds.Count; i++)
        {
            var version = string.Join('|', versions[i].Select(v => v.ToString()));
            if (reuse is not null && reuse.TryGetValue(shopIds[i], out var known) && known.Version == version)
            {
                sums[shopIds[i]] = known;
            }
            else
            {
                sums[shopIds[i]] = new ShopRangeSums(version, new MetricSums());
                toRead.Add(shopIds[i]);
            }
        }

        var reports = await SummariesAsync(shopIds).ConfigureAwait(false);
        if (toRead.Count > 0)
        {
            await foreach (var shop in ReadAsync(toRead, from, to, reports).ConfigureAwait(false))
            {
                sums[shop.ShopId] = sums[shop.ShopId] with { Sums = shop.Sum(_ => true) };
            }
        }

        var total = new MetricSums();
        var rows = new List<ShopMetrics>(shopIds.Count);
        foreach (var shopId in shopIds)
        {
            total.Add(sums[shopId].Sums);
            rows.Add(new ShopMetrics(shopId, reports.GetValueOrDefault(shopId)?.Shop.Region, sums[shopId].Sums.ToSummary()));
        }

        return new MetricsOverviewTotals(total.ToSummary(), rows, sums, toRead.Count);
    }

    /// <summary>One shop's sums per shop-local day (every day of the range, empty days included).</summary>
    /// <exception cref="ArgumentException">The range is reversed or longer than <see cref="MaxDays"/>.</exception>
    public async Task<IReadOnlyList<DayMetrics>> SeriesAsync(string shopId, DateOnly from, DateOnly to)
    {
        var shop = await ReadAsync([shopId], from, to).FirstAsync().ConfigureAwait(false);
        return [.. shop.Days.Select(d => new DayMetrics(d.Date, shop.Sum(day => day == d.Date).ToSummary()))];
    }

    /// <summary>The shops' buckets grouped <paramref name="by"/>, with the total of every shop.</summary>
    /// <exception cref="ArgumentException">No shops, or the range is reversed or longer than <see cref="MaxDays"/>.</exception>
    public async Task<MetricsComparison> CompareAsync(IReadOnlyList<string> shopIds, DateOnly from, DateOnly to, MetricsGrouping by)
    {
        var total = new MetricSums();
        var groups = new Dictionary<string, (string Name, SortedSet<string> Shops, MetricSums Sums)>(StringComparer.Ordinal);

        void Add(string key, string name, string shopId, string field, long value, string? currency)
        {
            if (!groups.TryGetValue(key, out var g))
            {
                groups[key] = g = (name, new SortedSet<string>(StringComparer.Ordinal), new MetricSums());
            }

            g.Shops.Add(shopId);
            g.Sums.Add(field, value, currency);
        }

        await foreach (var shop in ReadAsync(shopIds, from, to).ConfigureAwait(false))
        {
            total.Add(shop.Sum(_ => true));
            var names = by switch
            {
                MetricsGrouping.Warehouse => await WarehouseNamesAsync(shop).ConfigureAwait(false),
                MetricsGrouping.Category => await CategoriesAsync(shop).ConfigureAwait(false),
                _ => null,
            };
            foreach (var (dimension, id, field, value) in shop.Fields())
            {
                switch (by)
                {
                    case MetricsGrouping.Shop when dimension is null:
                        Add(shop.ShopId, shop.Summary?.Shop.ShopName is { Length: > 0 } n ? n : shop.ShopId, shop.ShopId, field, value, shop.Currency);
                        break;
                    case MetricsGrouping.Region when dimension is null:
                        var region = shop.Summary?.Shop.Region is { Length: > 0 } r ? r : "unknown";
                        Add(region, region, shop.ShopId, field, value, shop.Currency);
                        break;
                    case MetricsGrouping.Warehouse when dimension == 'w':
                        Add(id!, names!.TryGetValue(id!, out var w) ? w.Name : id!, shop.ShopId, field, value, shop.Currency);
                        break;
                    case MetricsGrouping.Category when dimension == 'p':
                        var category = names!.TryGetValue(id!, out var c) ? c : (Key: Uncategorised, Name: Uncategorised);
                        Add(category.Key, category.Name, shop.ShopId, field, value, shop.Currency);
                        break;
                }
            }
        }

        var result = groups.Select(g => new MetricsGroup(g.Key, g.Value.Name, [.. g.Value.Shops], g.Value.Sums.ToSummary()))
            .OrderByDescending(g => g.Summary.Count(MetricFields.OrdersPaid) + g.Summary.Count(MetricFields.ProductOrders))
            .ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        return new MetricsComparison(by, from, to, ShopLocal, result, total.ToSummary());
    }

    /// <summary>The category key of products OpenClaw has not stored (or stored without a category).</summary>
    public const string Uncategorised = "uncategorised";

    // Warehouse id → name: the shop's own names first, then TikTok's, else the id.
    private async Task<Dictionary<string, (string Key, string Name)>> WarehouseNamesAsync(ShopBuckets shop)
    {
        var ids = shop.Fields().Where(f => f.Dimension == 'w').Select(f => f.Id!).ToHashSet(StringComparer.Ordinal);
        var stored = await store.GetManyAsync(shop.ShopId, EntityKind.Warehouse, ids).ConfigureAwait(false);
        var names = stored.Select(e => JsonSerializer.Deserialize(e.Json, StoredEntityJson.Default.StoredWarehouse)!)
            .ToDictionary(w => w.Id, w => (w.Id, w.Name), StringComparer.Ordinal);
        foreach (var (id, name) in shop.Summary?.Shop.Settings.WarehouseNames ?? new Dictionary<string, string>())
        {
            names[id] = (id, name);
        }

        return names;
    }

    // Product id → its leaf category (id, name); products not stored are left out (→ uncategorised).
    private async Task<Dictionary<string, (string Key, string Name)>> CategoriesAsync(ShopBuckets shop)
    {
        var ids = shop.Fields().Where(f => f.Dimension == 'p').Select(f => f.Id!).ToHashSet(StringComparer.Ordinal);
        var stored = await store.GetManyAsync(shop.ShopId, EntityKind.Product, ids).ConfigureAwait(false);
        return stored.Select(e => JsonSerializer.Deserialize(e.Json, StoredEntityJson.Default.StoredProduct)!)
            .Where(p => p.CategoryId is { Length: > 0 })
            .ToDictionary(p => p.Id, p => (p.CategoryId!, p.CategoryName is { Length: > 0 } n ? n : p.CategoryId!), StringComparer.Ordinal);
    }

    /// <summary>
    /// Bucket reads (shops × days) one pipelined batch sends at most. A larger read goes batch by batch, the next batch
    /// sent while the current one is summed: the connection never holds more than two batches of this query, so other
    /// requests' commands on the same multiplexer interleave instead of queueing behind 100,000 of them, and only two
    /// batches of replies are in memory at a time.
    /// </summary>
    public const int BatchReads = 2_000;

    // Every shop's day buckets, metadata and summary, in the order given, read in pipelined batches of shops.
    // Summaries the caller already read are passed in (a superset is fine) rather than read again.
    private async IAsyncEnumerable<ShopBuckets> ReadAsync(IReadOnlyList<string> shopIds, DateOnly from, DateOnly to,
        IReadOnlyDictionary<string, ShopSyncReport>? summaries = null)
    {
        CheckRange(shopIds, from, to);
        var db = redis.GetDatabase();
        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToArray();
        var perBatch = Math.Max(1, BatchReads / days.Length);
        var byIdTask = summaries is null ? SummariesAsync(shopIds) : Task.FromResult(summaries);
        var next = Batch(0);
        var byId = await byIdTask.ConfigureAwait(false);
        for (var start = 0; start < shopIds.Count; start += perBatch)
        {
            var (ids, buckets, metas) = await next.ConfigureAwait(false);
            next = start + perBatch < shopIds.Count ? Batch(start + perBatch) : next;
            for (var i = 0; i < ids.Length; i++)
            {
                var meta = metas[i].Result;
                yield return new ShopBuckets(ids[i], meta[0].IsNull ? null : meta[0].ToString(), meta[1].IsNull ? null : meta[1].ToString(),
                    byId.GetValueOrDefault(ids[i]), [.. days.Select((d, j) => (d, buckets[i][j].Result))]);
            }
        }

        // Sends one batch's commands before its first await; completes when all its replies are in.
        async Task<(string[] Ids, Task<HashEntry[]>[][] Buckets, Task<RedisValue[]>[] Metas)> Batch(int start)
        {
            var ids = shopIds.Skip(start).Take(perBatch).ToArray();
            var buckets = ids.Select(s => days.Select(d => db.HashGetAllAsync(MetricKeys.Day(s, d))).ToArray()).ToArray();
            var metas = ids.Select(s => db.HashGetAsync(MetricKeys.Meta(s), [MetricKeys.CurrencyField, MetricKeys.ZoneField])).ToArray();
            await Task.WhenAll(buckets.SelectMany(b => b).Cast<Task>().Concat(metas)).ConfigureAwait(false);
            return (ids, buckets, metas);
        }
    }

    // The shops' summaries (read model) by shop id; a shop never summarised is absent.
    private async Task<IReadOnlyDictionary<string, ShopSyncReport>> SummariesAsync(IReadOnlyList<string> shopIds) =>
        (await readModel.ReadAsync(shopIds).ConfigureAwait(false)).ToDictionary(s => s.Shop.ShopId, StringComparer.Ordinal);

    // The meta fields whose values together say a shop's sums are unchanged.
    private static readonly RedisValue[] VersionFields = [MetricKeys.VersionField, MetricKeys.CurrencyField, MetricKeys.ZoneField];

    private static void CheckRange(IReadOnlyList<string> shopIds, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(shopIds);
        if (shopIds.Count == 0)
        {
            throw new ArgumentException("at least one shop is needed", nameof(shopIds));
        }

        if (to < from || to.DayNumber - from.DayNumber >= MaxDays)
        {
            throw new ArgumentException($"the range {from:yyyy-MM-dd}..{to:yyyy-MM-dd} must run forward and span at most {MaxDays} days", nameof(to));
        }
    }

    // One shop's buckets as read.
    private sealed record ShopBuckets(string ShopId, string? Currency, string? Zone, ShopSyncReport? Summary, IReadOnlyList<(DateOnly Date, HashEntry[] Fields)> Days)
    {
        // Every field: (null, null, field) at shop level; ('w' | 'p', id, field) for the dimensions.
        public IEnumerable<(char? Dimension, string? Id, string Field, long Value)> Fields(Func<DateOnly, bool>? day = null)
        {
            foreach (var (date, fields) in Days)
            {
                if (day is not null && !day(date))
                {
                    continue;
                }

                foreach (var entry in fields)
                {
                    var name = entry.Name.ToString();
                    var second = name.Length > 2 && name[1] == ':' && name[0] is 'w' or 'p' ? name.IndexOf(':', 2) : -1;
                    yield return second > 0
                        ? (name[0], name[2..second], name[(second + 1)..], (long)entry.Value)
                        : (null, null, name, (long)entry.Value);
                }
            }
        }

        // The shop-level fields of the days selected.
        public MetricSums Sum(Func<DateOnly, bool> day)
        {
            var sums = new MetricSums();
            foreach (var (dimension, _, field, value) in Fields(day))
            {
                if (dimension is null)
                {
                    sums.Add(field, value, Currency);
                }
            }

            return sums;
        }
    }
}
