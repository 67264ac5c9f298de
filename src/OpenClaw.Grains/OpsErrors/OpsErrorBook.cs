using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Calls;
using StackExchange.Redis;
using F = OpenClaw.Grains.OpsErrors.OpsErrorRecord.Fields;

namespace OpenClaw.Grains.OpsErrors;

/// <summary>
/// Records failed TikTok calls of a shop into its tenant's ops errors (issue 10). Only the shop's grain calls it
/// (ARCHITECTURE §3: the grain is the only writer of its shop's ops errors), through
/// <see cref="CallOptions.OnFailure"/> on every sync call and every token refresh, so it sees final failures and calls
/// a retry recovered alike. One Lua script per failure (one round trip): bump the group's counts, keep its latest
/// details, refresh its TTL, add it to its indexes and trim them to the retention window. Never throws: a store
/// failure is logged and counted (<c>openclaw.ops_errors.write_failures</c>) and the sync goes on.
/// </summary>
public sealed partial class OpsErrorBook(IConnectionMultiplexer redis, IOptions<OpsErrorOptions> options, TimeProvider time, ILogger<OpsErrorBook> logger)
{
    /// <summary>Meter name (ARCHITECTURE §6: meters under <c>OpenClaw.*</c>).</summary>
    public const string MeterName = "OpenClaw.OpsErrors";

    // KEYS: group hash, then all / code / http / endpoint / shop indexes, then retries:1..RetryLevels.
    // ARGV: now ms, cutoff ms, ttl s, retries, recovered (0/1), group id, then field/value pairs of the latest occurrence.
    private const string RecordScript = """
        local h = KEYS[1]
        local now, cutoff, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3])
        local retries, member = tonumber(ARGV[4]), ARGV[6]
        redis.call('HSETNX', h, 'first_seen', now)
        redis.call('HINCRBY', h, 'occurrences', 1)
        redis.call('HINCRBY', h, 'recovered', tonumber(ARGV[5]))
        local max = tonumber(redis.call('HGET', h, 'max_retries') or '-1')
        if retries > max then
          max = retries
          redis.call('HSET', h, 'max_retries', max)
        end
        for i = 7, #ARGV, 2 do
          redis.call('HSET', h, ARGV[i], ARGV[i + 1])
        end
        redis.call('EXPIRE', h, ttl)
        local last = 6 + math.min(max, #KEYS - 6)
        for i = 2, last do
          redis.call('ZADD', KEYS[i], now, member)
          redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. cutoff)
          redis.call('EXPIRE', KEYS[i], ttl)
        end
        return max
        """;

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Recorded = Meter.CreateCounter<long>("openclaw.ops_errors.recorded", "{call}", "Failed TikTok calls recorded as ops errors (tag: error code)");
    private static readonly Counter<long> WriteFailures = Meter.CreateCounter<long>("openclaw.ops_errors.write_failures", "{call}", "Failed TikTok calls that could not be recorded (store unavailable)");

    /// <summary>
    /// Records one failed (or recovered) call of <paramref name="shopId"/> for <paramref name="tenantId"/>. A shop
    /// without a tenant (never connected) records nothing.
    /// </summary>
    public async ValueTask RecordAsync(string tenantId, string shopId, FailedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (string.IsNullOrEmpty(tenantId) || string.IsNullOrEmpty(shopId))
        {
            return;
        }

        var error = call.Error;
        var code = error.Entry.Key;
        try
        {
            var o = options.Value;
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var groupId = OpsErrorKeys.GroupId(shopId, error.Path, code);
            RedisKey[] keys =
            [
                OpsErrorKeys.Group(tenantId, groupId), OpsErrorKeys.All(tenantId), OpsErrorKeys.Code(tenantId, code),
                OpsErrorKeys.HttpStatus(tenantId, error.HttpStatus), OpsErrorKeys.Endpoint(tenantId, error.Path), OpsErrorKeys.Shop(tenantId, shopId),
                .. Enumerable.Range(1, OpsErrorKeys.RetryLevels).Select(k => (RedisKey)OpsErrorKeys.Retries(tenantId, k)),
            ];
            RedisValue[] args =
            [
                now, now - (long)o.Retention.TotalMilliseconds, (long)Math.Ceiling(o.Retention.TotalSeconds), call.RetryCount, call.Recovered ? 1 : 0, groupId,
                F.Shop, shopId, F.Endpoint, error.Path, F.Code, code, F.Method, call.Method,
                F.TikTokCode, Invariant(error.Code), F.HttpStatus, Invariant(error.HttpStatus),
                F.Message, ExcerptRedactor.Redact(error.Message, o.ExcerptLength), F.RequestId, error.RequestId ?? "",
                F.Category, JsonNamingPolicy.SnakeCaseLower.ConvertName(error.Category.ToString()),
                F.LastSeen, now, F.LastRetries, call.RetryCount,
                F.RequestExcerpt, ExcerptRedactor.Redact(call.RequestExcerpt, o.ExcerptLength) ?? "",
                F.ResponseExcerpt, ExcerptRedactor.Redact(call.ResponseExcerpt, o.ExcerptLength) ?? "",
            ];
            await redis.GetDatabase().ScriptEvaluateAsync(RecordScript, keys, args).ConfigureAwait(false);
            Recorded.Add(1, new KeyValuePair<string, object?>("error.code", code));
        }
#pragma warning disable CA1031 // The sync must go on whatever the store does; the loss is logged and counted.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WriteFailures.Add(1, new KeyValuePair<string, object?>("error.code", code));
            LogWriteFailed(ex, shopId, error.Path, code);
        }
    }

    private static string Invariant(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the failed call of shop {ShopId} to {Endpoint} ({Code}) as an ops error")]
    private partial void LogWriteFailed(Exception exception, string shopId, string endpoint, string code);
}
