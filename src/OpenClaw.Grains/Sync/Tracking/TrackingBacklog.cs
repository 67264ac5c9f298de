using System.Globalization;
using StackExchange.Redis;

namespace OpenClaw.Grains.Sync.Tracking;

/// <summary>An order whose package is final and whose tracking is not stored yet.</summary>
/// <param name="OrderId">The order (tracking is fetched by order id, contract §5).</param>
/// <param name="PackageId">Its package.</param>
/// <param name="PackageUpdateTime">The package's <c>update_time</c> (the tracking's version when the carrier never scanned).</param>
/// <param name="Due">True when found by incremental or targeted sync (steady demand the polling plan reserves quota for);
/// false when found by backfill (history: drained with what the quota leaves, at backfill priority).</param>
public sealed record PendingTracking(string OrderId, string PackageId, DateTimeOffset PackageUpdateTime, bool Due);

/// <summary>
/// The per-shop list of tracking still to fetch (issue 10 metrics need the scans of every shipped order whose package
/// is final). Fetching is the lowest-priority sync work, so it is remembered here rather than done inside a packages
/// page, and drained when the quota plan allows: nothing is dropped when the quota is short, it only waits. Two Redis
/// hashes per shop, field = order id, value = <c>&lt;package id&gt;|&lt;package update_time, Unix s&gt;</c>:
/// <c>oc:{s:&lt;shop&gt;}:tracking:due</c> (incremental) and <c>oc:{s:&lt;shop&gt;}:tracking:backlog</c> (backfill).
/// Each expires <see cref="Retention"/> after its last addition, so a shop that stops syncing leaves nothing for ever.
/// </summary>
public sealed class TrackingBacklog(IConnectionMultiplexer redis)
{
    /// <summary>How long a list is kept after its last addition.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private readonly IConnectionMultiplexer _redis = redis ?? throw new ArgumentNullException(nameof(redis));

    /// <summary>The hash of a shop's due (<paramref name="due"/>) or backlog entries.</summary>
    public static string Key(string shopId, bool due) => $"oc:{{s:{shopId}}}:tracking:{(due ? "due" : "backlog")}";

    /// <summary>Remembers <paramref name="items"/>; an order already listed keeps one entry per list (idempotent).</summary>
    /// <exception cref="RedisException">The store is unreachable.</exception>
    public async Task AddAsync(string shopId, IReadOnlyCollection<PendingTracking> items)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        ArgumentNullException.ThrowIfNull(items);
        var db = _redis.GetDatabase();
        foreach (var group in items.GroupBy(i => i.Due))
        {
            var key = Key(shopId, group.Key);
            await db.HashSetAsync(key, [.. group.Select(i => new HashEntry(i.OrderId, Value(i)))]).ConfigureAwait(false);
            await db.KeyExpireAsync(key, Retention).ConfigureAwait(false);
        }
    }

    /// <summary>Up to <paramref name="max"/> entries of the due or the backlog list (any order).</summary>
    public async Task<IReadOnlyList<PendingTracking>> PeekAsync(string shopId, bool due, int max)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        var list = new List<PendingTracking>(Math.Max(0, max));
        if (max <= 0)
        {
            return list;
        }

        await foreach (var entry in _redis.GetDatabase().HashScanAsync(Key(shopId, due), pageSize: max).ConfigureAwait(false))
        {
            list.Add(Parse(entry.Name.ToString(), entry.Value.ToString(), due));
            if (list.Count >= max)
            {
                break;
            }
        }

        return list;
    }

    /// <summary>Forgets an order in both lists (its tracking is stored, or TikTok will never answer for it).</summary>
    public async Task RemoveAsync(string shopId, string orderId)
    {
        var db = _redis.GetDatabase();
        await Task.WhenAll(db.HashDeleteAsync(Key(shopId, due: true), orderId), db.HashDeleteAsync(Key(shopId, due: false), orderId)).ConfigureAwait(false);
    }

    /// <summary>How many orders wait in each list.</summary>
    public async Task<(long Due, long Backlog)> CountAsync(string shopId)
    {
        var db = _redis.GetDatabase();
        var due = db.HashLengthAsync(Key(shopId, due: true));
        var backlog = db.HashLengthAsync(Key(shopId, due: false));
        return (await due.ConfigureAwait(false), await backlog.ConfigureAwait(false));
    }

    private static string Value(PendingTracking item) =>
        item.PackageId + "|" + item.PackageUpdateTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static PendingTracking Parse(string orderId, string value, bool due)
    {
        var sep = value.LastIndexOf('|');
        var seconds = sep > 0 && long.TryParse(value.AsSpan(sep + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
        return new PendingTracking(orderId, sep > 0 ? value[..sep] : value, DateTimeOffset.FromUnixTimeSeconds(seconds), due);
    }
}
