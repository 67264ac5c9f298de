using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenClaw.Api.Access;
using StackExchange.Redis;

namespace OpenClaw.Api.Audit;

/// <summary>
/// The per-tenant audit log in Redis: a sorted set <c>oc:{t:&lt;tenant&gt;}:audit</c> of JSON entries scored by
/// milliseconds × 1000 + a per-tenant sequence (so entries never tie and a cursor is just a score). Each append removes
/// entries older than <see cref="AuditOptions.Retention"/> and renews the key's expiry, in one Lua script. Every change
/// the API makes goes through <see cref="RecordAsync"/>; a failure to write is logged, not shown to the caller whose
/// change is already made.
/// </summary>
public sealed partial class AuditLog(IConnectionMultiplexer redis, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditLog> logger)
{
    // KEYS log, sequence. ARGV nowMs, json, cutoffScore, ttlMs. Scores stay below 2^53 until the year 2255.
    private const string AppendScript = """
        local seq = redis.call('INCR', KEYS[2])
        local score = string.format('%.0f', tonumber(ARGV[1]) * 1000 + (seq % 1000))
        redis.call('ZADD', KEYS[1], score, ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call('PEXPIRE', KEYS[2], ARGV[4])
        return seq
        """;

    private static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>Redis key of a tenant's log.</summary>
    public static string Key(string tenantId) => $"oc:{{t:{tenantId}}}:audit";

    /// <summary>Appends a change made by <paramref name="user"/> (null: the seller's OAuth consent) to <paramref name="tenantId"/>'s log.</summary>
    /// <param name="user">The caller; its key id is recorded, never the key.</param>
    /// <param name="tenantId">The tenant whose data changed.</param>
    /// <param name="action">One of <see cref="AuditActions"/>.</param>
    /// <param name="target">The tenant, key or shop id changed.</param>
    /// <param name="changes">The changed fields and new values (an anonymous object, snake_case); never tokens or keys.</param>
    public async Task RecordAsync(ClaimsPrincipal? user, string tenantId, string action, string target, object? changes = null)
    {
        var now = time.GetUtcNow();
        var entry = new AuditEntry(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), now, tenantId, user?.FindFirst(ApiScopes.KeyIdClaim)?.Value,
            action, target, changes is null ? null : JsonSerializer.SerializeToElement(changes, Json));
        var retention = options.Value.Retention;
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(AppendScript, [Key(tenantId), Key(tenantId) + ":seq"],
            [
                now.ToUnixTimeMilliseconds(), JsonSerializer.Serialize(entry, Json), (now - retention).ToUnixTimeMilliseconds() * 1000,
                (long)retention.TotalMilliseconds,
            ]).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogAppendFailed(logger, action, tenantId, target, ex.GetType().Name);
        }
    }

    /// <summary>A page of <paramref name="tenantId"/>'s log, newest first, filtered by the (validated) query.</summary>
    public async Task<AuditPage> ReadAsync(string tenantId, AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = query.Limit ?? AuditQuery.DefaultLimit;
        double max = query.ToTime is { } to ? (to.ToUnixTimeMilliseconds() * 1000) + 999 : double.PositiveInfinity;
        if (query.Before is { } before && before - 1 < max)
        {
            max = before - 1;
        }

        double min = query.FromTime is { } from ? from.ToUnixTimeMilliseconds() * 1000 : double.NegativeInfinity;
        var db = redis.GetDatabase();
        var items = new List<(AuditEntry Entry, double Score)>(limit + 1);
        while (items.Count <= limit && max >= min)
        {
            var batch = await db.SortedSetRangeByScoreWithScoresAsync(Key(tenantId), min, max, Exclude.None, Order.Descending, 0, 200).ConfigureAwait(false);
            items.AddRange(batch.Select(e => (JsonSerializer.Deserialize<AuditEntry>(e.Element.ToString(), Json)!, e.Score))
                .Where(e => query.Action is null || e.Item1.Action == query.Action));
            if (batch.Length < 200)
            {
                break;
            }

            max = batch[^1].Score - 1;
        }

        return items.Count > limit
            ? new AuditPage([.. items.Take(limit).Select(e => e.Entry)], AuditQuery.EncodeCursor((long)items[limit - 1].Score))
            : new AuditPage([.. items.Select(e => e.Entry)], null);
    }

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions();
        Extensions.ApiServiceExtensions.ConfigureJson(json);
        return json;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry {Action} for tenant {TenantId} on {Target} not written ({Error})")]
    private static partial void LogAppendFailed(ILogger logger, string action, string tenantId, string target, string error);
}
