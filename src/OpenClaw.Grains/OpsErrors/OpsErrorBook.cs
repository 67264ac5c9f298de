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
/// a retry recovered alike. One Lua script per failure (<see cref="OpsErrorWrite"/>, one round trip). Never throws: a store
/// failure is logged and counted (<c>openclaw.ops_errors.write_failures</c>) and the sync goes on.
/// </summary>
public sealed partial class OpsErrorBook(IConnectionMultiplexer redis, IOptions<OpsErrorOptions> options, TimeProvider time, ILogger<OpsErrorBook> logger)
{
    /// <summary>Meter name (ARCHITECTURE §6: meters under <c>OpenClaw.*</c>).</summary>
    public const string MeterName = "OpenClaw.OpsErrors";

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
            string[] indexes =
            [
                OpsErrorKeys.All(tenantId), OpsErrorKeys.Code(tenantId, code), OpsErrorKeys.HttpStatus(tenantId, error.HttpStatus),
                OpsErrorKeys.Endpoint(tenantId, error.Path), OpsErrorKeys.Shop(tenantId, shopId),
            ];
            RedisValue[] fields =
            [
                F.Shop, shopId, F.Endpoint, error.Path, F.Code, code, F.Method, call.Method,
                F.TikTokCode, Invariant(error.Code), F.HttpStatus, Invariant(error.HttpStatus),
                F.Message, ExcerptRedactor.Redact(error.Message, o.ExcerptLength), F.RequestId, error.RequestId ?? "",
                F.Category, JsonNamingPolicy.SnakeCaseLower.ConvertName(error.Category.ToString()),
                F.LastSeen, now, F.LastRetries, call.RetryCount,
                F.RequestExcerpt, ExcerptRedactor.Redact(call.RequestExcerpt, o.ExcerptLength) ?? "",
                F.ResponseExcerpt, ExcerptRedactor.Redact(call.ResponseExcerpt, o.ExcerptLength) ?? "",
            ];
            await OpsErrorWrite.RecordAsync(redis.GetDatabase(), o, tenantId, groupId, indexes, now, now, call.RetryCount, call.Recovered, fields).ConfigureAwait(false);
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
