using System.Globalization;
using System.Text.Json;
using OpenClaw.Grains.Entities;
using StackExchange.Redis;

namespace OpenClaw.Grains.Metrics.Storage;

// Keeping a shop's buckets true over time: a rebuild when the reporting zone changes, and the ledger sweep.
public sealed partial class MetricBook
{
    // The kinds a rebuild walks, in order; packages add nothing a tracking or order entry does not.
    private static readonly string[] RebuildKinds = [EntityKind.Order, EntityKind.Return, EntityKind.Cancellation, EntityKind.Tracking, EntityKind.Product];

    /// <summary>
    /// Makes sure the shop's buckets are in <paramref name="zoneId"/>: the first time, notes the zone; when it differs
    /// from the zone they were built in, deletes the shop's buckets and ledger and starts a rebuild (continued by
    /// <see cref="RebuildStepAsync"/>). Returns true while a rebuild is in progress (also one left by an earlier activation).
    /// </summary>
    /// <exception cref="RedisException">The store failed; nothing or everything of the reset was done (one transaction).</exception>
    public async Task<bool> EnsureZoneAsync(string shopId, string zoneId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        var db = redis.GetDatabase();
        var meta = MetricKeys.Meta(shopId);
        var values = await db.HashGetAsync(meta, [MetricKeys.ZoneField, MetricKeys.RebuildField]).ConfigureAwait(false);
        if (values[0].IsNull)
        {
            await db.HashSetAsync(meta, MetricKeys.ZoneField, zoneId).ConfigureAwait(false);
            return !values[1].IsNull;
        }

        if (string.Equals(values[0].ToString(), zoneId, StringComparison.Ordinal))
        {
            return !values[1].IsNull;
        }

        // Every day bucket that can exist (retention plus the expiry margin, in any zone), the snapshot and the ledger.
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var keys = new List<RedisKey> { MetricKeys.Ledger(shopId), MetricKeys.Snapshot(shopId) };
        for (var day = today.AddDays(-_options.RetentionDays - 3); day <= today.AddDays(2); day = day.AddDays(1))
        {
            keys.Add(MetricKeys.Day(shopId, day));
        }

        var reset = db.CreateTransaction();
        _ = reset.KeyDeleteAsync([.. keys]);
        _ = reset.HashSetAsync(meta, [new(MetricKeys.ZoneField, zoneId), new(MetricKeys.RebuildField, "0:0"), new(MetricKeys.VersionField, MetricKeys.NewVersion())]);
        if (!await reset.ExecuteAsync().ConfigureAwait(false))
        {
            throw new RedisException($"metrics reset of shop {shopId} was not executed");
        }

        MetricsTelemetry.RecordRebuild();
        return true;
    }

    /// <summary>
    /// Recomputes the groups of up to <see cref="MetricsOptions.RebuildBatch"/> stored entities (HSCAN, kind after kind)
    /// and records how far it got; returns false once every kind is done.
    /// </summary>
    /// <exception cref="RedisException">The store failed; the step is repeated on the next call.</exception>
    public async Task<bool> RebuildStepAsync(string shopId, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var db = redis.GetDatabase();
        var meta = MetricKeys.Meta(shopId);
        var progress = await db.HashGetAsync(meta, MetricKeys.RebuildField).ConfigureAwait(false);
        if (progress.IsNull)
        {
            return false;
        }

        var parts = progress.ToString().Split(':');
        var kind = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var cursor = long.Parse(parts[1], CultureInfo.InvariantCulture);
        if (kind < RebuildKinds.Length)
        {
            var (next, entities) = await store.ScanAsync(shopId, RebuildKinds[kind], cursor, _options.RebuildBatch).ConfigureAwait(false);
            var touched = new TouchedGroups();
            foreach (var entity in entities)
            {
                touched.Add(RebuildKinds[kind], entity.Id, entity.Json);
            }

            await ApplyAsync(shopId, zone, touched, now).ConfigureAwait(false);
            (kind, cursor) = next == 0 ? (kind + 1, 0) : (kind, next);
        }

        if (kind >= RebuildKinds.Length)
        {
            await db.HashDeleteAsync(meta, MetricKeys.RebuildField).ConfigureAwait(false);
            return false;
        }

        await db.HashSetAsync(meta, MetricKeys.RebuildField, string.Create(CultureInfo.InvariantCulture, $"{kind}:{cursor}")).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// One sweep step over the ledger from <paramref name="cursor"/> (0 starts a pass): removes entries whose days all lie
    /// beyond the retention (products stay: they hold the snapshot) and, first, the stored entities of those order
    /// groups — the order, its packages, tracking, returns and cancellations — so the store keeps what the metrics
    /// cover, not the fleet's whole history (docs/metrics.md, "Retention"). Returns the next cursor (0 when the pass is
    /// done) and the number of ledger entries removed.
    /// </summary>
    /// <exception cref="RedisException">The store failed; what was removed stays removed, the rest is swept next pass.</exception>
    public async Task<(long Next, int Removed)> SweepStepAsync(string shopId, TimeZoneInfo zone, DateTimeOffset now, long cursor)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var db = redis.GetDatabase();
        var ledger = MetricKeys.Ledger(shopId);
        var reply = (RedisResult[])(await db.ExecuteAsync("HSCAN", ledger, cursor, "COUNT", _options.SweepBatch).ConfigureAwait(false))!;
        var items = (RedisResult[])reply[1]!;
        var firstKept = FirstKeptDay(now, zone);
        var stale = new List<(string Key, LedgerEntry Entry)>();
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            // An entry that counts nothing yet (a cancellation or package stored before its order) is not stale: it
            // holds the members the order's group will need, and those members stay stored.
            var entry = LedgerEntry.Decode(items[i + 1].ToString());
            var buckets = entry.Contribution.Buckets;
            if (buckets.Count > 0 && buckets.Keys.All(b => TryParseDay(b, out var day) && day < firstKept))
            {
                stale.Add((items[i].ToString(), entry));
            }
        }

        var removed = 0;
        if (stale.Count > 0)
        {
            // Entities before the ledger entries: a failure in between leaves the entries, which the next pass sweeps again.
            MetricsTelemetry.RecordEntitiesSwept(await ForgetOrderGroupsAsync(shopId, stale).ConfigureAwait(false));
            removed = (int)await db.HashDeleteAsync(ledger, [.. stale.Select(s => (RedisValue)s.Key)]).ConfigureAwait(false);
        }

        MetricsTelemetry.RecordSwept(removed);
        return (long.Parse(reply[0].ToString(), CultureInfo.InvariantCulture), removed);
    }

    // Removes the stored entities of the order groups among the swept entries; returns how many there were.
    private async Task<long> ForgetOrderGroupsAsync(string shopId, IReadOnlyList<(string Key, LedgerEntry Entry)> swept)
    {
        var groups = swept.Where(s => s.Key.StartsWith("o:", StringComparison.Ordinal)).ToList();
        var orderIds = groups.Select(g => g.Key[2..]).ToList();
        var members = groups.SelectMany(g => g.Entry.Members).ToList();
        var packageIds = (await store.GetManyAsync(shopId, EntityKind.Order, orderIds).ConfigureAwait(false))
            .SelectMany(o => JsonSerializer.Deserialize(o.Json, StoredEntityJson.Default.StoredOrder)!.PackageIds)
            .Distinct(StringComparer.Ordinal).ToList();
        var counts = await Task.WhenAll(
            store.RemoveAsync(shopId, EntityKind.Order, orderIds),
            store.RemoveAsync(shopId, EntityKind.Tracking, orderIds),
            store.RemoveAsync(shopId, EntityKind.Package, packageIds),
            store.RemoveAsync(shopId, EntityKind.Return, [.. LedgerEntry.ReturnIds(members)]),
            store.RemoveAsync(shopId, EntityKind.Cancellation, [.. LedgerEntry.CancellationIds(members)])).ConfigureAwait(false);
        return counts.Sum();
    }
}
