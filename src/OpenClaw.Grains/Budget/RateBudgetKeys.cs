using System.Globalization;
using StackExchange.Redis;

namespace OpenClaw.Grains.Budget;

/// <summary>
/// The Redis key layout of one app's budget. Every key starts with <c>oc:budget:{appKey}:</c>: the braces are a
/// Redis Cluster hash tag, so all keys of an app share a slot and one Lua script may touch them together. Every key
/// carries a TTL (set by the scripts), so nothing grows without bound.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><c>oc:budget:{app}:app</c></term><description>hash: app bucket (<c>t</c> tokens, <c>ts</c> refill time ms,
/// <c>f</c> rate factor after 429s, <c>lc</c>/<c>lw</c> 429 count and window start ms); TTL: idle TTL.</description></item>
/// <item><term><c>oc:budget:{app}:shop:{shopId}</c></term><description>hash: shop bucket (<c>t</c>, <c>ts</c>, <c>f</c>,
/// <c>pu</c> paused-until ms); TTL: idle TTL, longer while paused.</description></item>
/// <item><term><c>oc:budget:{app}:day:{yyyy-MM-dd}</c></term><description>hash: the quota day (<c>used</c>,
/// <c>p0</c>…<c>p3</c> calls per priority, <c>m{minute}</c> calls per minute of the day, <c>ex</c> time ms TikTok said
/// the quota was used up); expires one day after the day ends.</description></item>
/// <item><term><c>oc:budget:{app}:pause</c></term><description>string: app paused until (ms) after 45101004; expires
/// when the pause ends.</description></item>
/// </list>
/// </remarks>
public sealed class RateBudgetKeys
{
    /// <summary>Prefix of every budget key.</summary>
    public const string Prefix = "oc:budget:";

    private readonly string _root;

    /// <summary>Creates the layout for <paramref name="appKey"/>.</summary>
    public RateBudgetKeys(string appKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(appKey);
        _root = Prefix + "{" + appKey + "}:";
        App = _root + "app";
        Pause = _root + "pause";
    }

    /// <summary>The sorted set of the app's active shops (score: last report, Unix seconds), kept by <c>SyncPacer</c>.</summary>
    public RedisKey ActiveShops => _root + "active";

    /// <summary>Pattern matching every key of the app (for SCAN in tests and operations).</summary>
    public string Pattern => _root + "*";

    /// <summary>The app bucket hash.</summary>
    public RedisKey App { get; }

    /// <summary>The app pause string (quota exhausted).</summary>
    public RedisKey Pause { get; }

    /// <summary>The shop bucket hash.</summary>
    public RedisKey Shop(string shopId) => _root + "shop:" + shopId;

    /// <summary>The quota day hash.</summary>
    public RedisKey Day(DateOnly date) => _root + "day:" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Field of the per-minute call count for the minute containing <paramref name="now"/>.</summary>
    public static RedisValue MinuteField(QuotaDay day, DateTimeOffset now) => MinuteField(MinuteOf(day, now));

    /// <summary>Field of the per-minute call count of minute <paramref name="minute"/> of the day.</summary>
    public static RedisValue MinuteField(long minute) => "m" + minute.ToString(CultureInfo.InvariantCulture);

    /// <summary>Minute of the day (0-based) containing <paramref name="now"/>.</summary>
    public static long MinuteOf(QuotaDay day, DateTimeOffset now) => (long)Math.Floor((now - day.Start).TotalMinutes);

    /// <summary>Field of the per-priority call count.</summary>
    public static RedisValue PriorityField(int priority) => "p" + priority.ToString(CultureInfo.InvariantCulture);
}
