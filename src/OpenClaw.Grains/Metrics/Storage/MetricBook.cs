using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenClaw.Grains.Entities;
using StackExchange.Redis;

namespace OpenClaw.Grains.Metrics.Storage;

/// <summary>What one <see cref="MetricBook.ApplyAsync"/> did.</summary>
/// <param name="Groups">Groups recomputed.</param>
/// <param name="Changed">Groups whose contribution differed from the one last applied.</param>
/// <param name="FieldWrites">Bucket fields incremented.</param>
public readonly record struct MetricApplyResult(int Groups, int Changed, int FieldWrites);

/// <summary>
/// The shop's day buckets (docs/metrics.md, "Storage"). After every upserted page the grain hands over the groups the
/// page touched; the book loads each group's members from the <see cref="EntityStore"/> (pipelined), recomputes its
/// contribution and applies only the difference to the one the ledger says was applied last: ledger and bucket writes in
/// one Lua script, guarded by the ledger values it read. So re-applying the same contribution changes nothing, and a
/// repeated, duplicated or reordered page, or a re-fetch after a crash between upsert and apply, is safe. Only the shop's
/// grain writes; works on redis-server and on Garnet with <c>--lua true</c>.
/// </summary>
public sealed partial class MetricBook(IConnectionMultiplexer redis, EntityStore store, IOptions<MetricsOptions> options)
{
    private const int Attempts = 3;
    private readonly MetricsOptions _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;

    /// <summary>Real time between two sweeps of a shop's ledger (<see cref="MetricsOptions.SweepInterval"/>).</summary>
    public TimeSpan SweepInterval => _options.SweepInterval;

    /// <summary>Recomputes the <paramref name="touched"/> groups in <paramref name="zone"/> and applies what changed.</summary>
    /// <param name="shopId">The shop.</param>
    /// <param name="zone">The shop's reporting zone.</param>
    /// <param name="touched">The groups a page touched.</param>
    /// <param name="now">TikTok's now: days older than the retention are neither incremented nor decremented.</param>
    /// <exception cref="RedisException">The store failed, or the ledger kept changing under the book (another writer).</exception>
    public async Task<MetricApplyResult> ApplyAsync(string shopId, TimeZoneInfo zone, TouchedGroups touched, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(touched);
        if (touched.IsEmpty)
        {
            return default;
        }

        for (var attempt = 1; ; attempt++)
        {
            var (result, applied) = await TryApplyAsync(shopId, zone, touched, now).ConfigureAwait(false);
            if (applied)
            {
                MetricsTelemetry.RecordApplied(result.Groups, result.Changed, result.FieldWrites);
                return result;
            }

            if (attempt == Attempts)
            {
                throw new RedisException($"metrics ledger of shop {shopId} changed during {Attempts} attempts to apply");
            }
        }
    }

    private async Task<(MetricApplyResult Result, bool Applied)> TryApplyAsync(string shopId, TimeZoneInfo zone, TouchedGroups touched, DateTimeOffset now)
    {
        var db = redis.GetDatabase();
        var orderIds = touched.Orders.Keys.ToList();
        var productIds = touched.Products.ToList();
        RedisValue[] groupKeys = [.. orderIds.Select(id => (RedisValue)("o:" + id)), .. productIds.Select(id => (RedisValue)("p:" + id))];
        var ledgerTask = db.HashGetAsync(MetricKeys.Ledger(shopId), groupKeys);
        var ordersTask = store.GetManyAsync(shopId, EntityKind.Order, orderIds);
        var trackingTask = store.GetManyAsync(shopId, EntityKind.Tracking, orderIds);
        var productsTask = store.GetManyAsync(shopId, EntityKind.Product, productIds);
        await Task.WhenAll(ledgerTask, ordersTask, trackingTask, productsTask).ConfigureAwait(false);

        var previous = new Dictionary<string, (string Raw, LedgerEntry Entry)>(StringComparer.Ordinal);
        foreach (var (key, value) in groupKeys.Zip(ledgerTask.Result).Where(p => !p.Second.IsNull))
        {
            previous[key.ToString()] = (value.ToString(), LedgerEntry.Decode(value.ToString()));
        }

        // Members: those the ledger knows plus those this page brought.
        var members = orderIds.ToDictionary(id => id, id => new SortedSet<string>(
            (previous.TryGetValue("o:" + id, out var p) ? p.Entry.Members : []).Concat(touched.Orders[id]), StringComparer.Ordinal), StringComparer.Ordinal);
        var returnsTask = store.GetManyAsync(shopId, EntityKind.Return, [.. LedgerEntry.ReturnIds(members.Values.SelectMany(m => m))]);
        var cancelsTask = store.GetManyAsync(shopId, EntityKind.Cancellation, [.. LedgerEntry.CancellationIds(members.Values.SelectMany(m => m))]);
        await Task.WhenAll(returnsTask, cancelsTask).ConfigureAwait(false);

        var orders = ordersTask.Result.ToDictionary(e => e.Id, e => JsonSerializer.Deserialize(e.Json, StoredEntityJson.Default.StoredOrder)!, StringComparer.Ordinal);
        var tracking = trackingTask.Result.ToDictionary(e => e.Id, e => JsonSerializer.Deserialize(e.Json, StoredEntityJson.Default.StoredTracking)!, StringComparer.Ordinal);
        var returns = returnsTask.Result.Select(e => JsonSerializer.Deserialize(e.Json, StoredEntityJson.Default.StoredReturn)!).ToLookup(r => r.OrderId, StringComparer.Ordinal);
        var cancels = cancelsTask.Result.Select(e => JsonSerializer.Deserialize(e.Json, StoredEntityJson.Default.StoredCancellation)!).ToLookup(c => c.OrderId, StringComparer.Ordinal);

        var next = new List<(string Key, LedgerEntry Entry)>(groupKeys.Length);
        foreach (var id in orderIds)
        {
            var group = new OrderGroup(id, orders.GetValueOrDefault(id), [.. returns[id]], [.. cancels[id]], tracking.GetValueOrDefault(id));
            next.Add(("o:" + id, new LedgerEntry(members[id], OrderContribution.Compute(group, zone))));
        }

        foreach (var product in productsTask.Result)
        {
            var stored = JsonSerializer.Deserialize(product.Json, StoredEntityJson.Default.StoredProduct)!;
            next.Add(("p:" + product.Id, new LedgerEntry([], ProductContribution.Compute(stored, zone))));
        }

        var write = new BucketWrite(shopId, FirstKeptDay(now, zone), _options.RetentionDays);
        foreach (var (key, entry) in next)
        {
            var value = entry.Encode();
            var before = previous.TryGetValue(key, out var p) ? p : default;
            if (!string.Equals(value, before.Raw, StringComparison.Ordinal))
            {
                write.Add(key, before.Raw, value, MetricContribution.Difference(before.Entry?.Contribution, entry.Contribution));
            }
        }

        if (orders.Values.FirstOrDefault(o => o.Currency is { Length: > 0 }) is { } withCurrency)
        {
            _ = db.HashSetAsync(MetricKeys.Meta(shopId), MetricKeys.CurrencyField, withCurrency.Currency, flags: CommandFlags.FireAndForget);
        }

        if (write.Groups == 0)
        {
            return (new MetricApplyResult(next.Count, 0, 0), true);
        }

        var (keys, args) = write.ScriptArguments();
        var reply = (RedisResult[])(await db.ScriptEvaluateAsync(MetricBookScripts.Apply, keys, args).ConfigureAwait(false))!;
        return ((int)reply[0] == 1, (int)reply[1]) switch
        {
            (true, var writes) => (new MetricApplyResult(next.Count, write.Groups, writes), true),
            _ => (default, false),
        };
    }

    // The oldest shop-local day still kept: RetentionDays days, today included.
    private DateOnly FirstKeptDay(DateTimeOffset now, TimeZoneInfo zone) =>
        MetricContribution.LocalDate(now, zone).AddDays(1 - _options.RetentionDays);

    // A day bucket expires two days after it leaves the window (UTC midnight; covers every zone's offset).
    private static long ExpireAt(DateOnly day, int retentionDays) =>
        new DateTimeOffset(day.AddDays(retentionDays + 2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();

    private static bool TryParseDay(string bucket, out DateOnly day) =>
        DateOnly.TryParseExact(bucket, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
