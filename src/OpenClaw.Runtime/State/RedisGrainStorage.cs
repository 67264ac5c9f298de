using StackExchange.Redis;

namespace OpenClaw.Runtime.State;

/// <summary>
/// Grain storage in Orleans' Redis format: one hash per state at <c>{ServiceId}/state/{grainType}/{grainKey}/{stateName}</c>
/// with fields <c>etag</c> (a new GUID "N" per write) and <c>data</c> (JSON). Writes and clears are compare-and-set in Lua;
/// a clear deletes <c>data</c> but keeps a fresh <c>etag</c> as a tombstone, so a stale writer still fails after a clear.
/// </summary>
public sealed class RedisGrainStorage : IGrainStorage
{
    // Write only when the stored etag equals the expected one, or when neither exists.
    private const string WriteScript = """
        local etag = redis.call('HGET', KEYS[1], 'etag')
        if (not etag and ARGV[1] == '') or etag == ARGV[1] then
          redis.call('HMSET', KEYS[1], 'etag', ARGV[2], 'data', ARGV[3])
          return 0
        end
        return -1
        """;

    private const string ClearScript = """
        local etag = redis.call('HGET', KEYS[1], 'etag')
        if (not etag and ARGV[1] == '') or etag == ARGV[1] then
          redis.call('HDEL', KEYS[1], 'data')
          redis.call('HSET', KEYS[1], 'etag', ARGV[2])
          return 0
        end
        return -1
        """;

    private static readonly RedisValue EtagField = "etag";
    private static readonly RedisValue DataField = "data";
    private readonly IConnectionMultiplexer redis;
    private readonly string keyPrefix;

    /// <summary>Creates the provider for a service.</summary>
    /// <param name="redis">Connection.</param>
    /// <param name="serviceId">Orleans' ServiceId: the first segment of every key.</param>
    public RedisGrainStorage(IConnectionMultiplexer redis, string serviceId)
    {
        this.redis = redis;
        keyPrefix = serviceId + "/state/";
    }

    /// <summary>The Redis key of a state record.</summary>
    public string KeyOf(string stateName, GrainId grainId) => keyPrefix + grainId.Type + "/" + grainId.Key + "/" + stateName;

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var values = await redis.GetDatabase().HashGetAsync(KeyOf(stateName, grainId), [EtagField, DataField]).ConfigureAwait(false);
        var etag = values[0];
        var data = values[1];
        grainState.ETag = etag.IsNull ? null : (string?)etag;
        grainState.RecordExists = !data.IsNull;
        grainState.State = data.IsNull ? GrainStateSerializer.CreateDefault<T>() : GrainStateSerializer.Deserialize<T>(data!);
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var newEtag = Guid.NewGuid().ToString("N");
        var data = GrainStateSerializer.Serialize(grainState.State);
        await SwapAsync(WriteScript, stateName, grainId, grainState.ETag, [grainState.ETag ?? string.Empty, newEtag, data]).ConfigureAwait(false);
        grainState.ETag = newEtag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var newEtag = Guid.NewGuid().ToString("N");
        await SwapAsync(ClearScript, stateName, grainId, grainState.ETag, [grainState.ETag ?? string.Empty, newEtag]).ConfigureAwait(false);
        grainState.ETag = newEtag;
        grainState.RecordExists = false;
        grainState.State = GrainStateSerializer.CreateDefault<T>();
    }

    private async Task SwapAsync(string script, string stateName, GrainId grainId, string? expected, RedisValue[] args)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(script, [KeyOf(stateName, grainId)], args).ConfigureAwait(false);
        if ((long)result != 0)
        {
            throw new InconsistentStateException($"Version conflict on state '{stateName}' of {grainId}: it was written since it was read.", null, expected);
        }
    }
}
