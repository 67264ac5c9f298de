namespace OpenClaw.Grains.Metrics.Storage;

/// <summary>The Lua scripts of <see cref="MetricBook"/>: every key is passed in KEYS (Garnet's transaction mode locks them).</summary>
internal static class MetricBookScripts
{
    // KEYS[1] = ledger; KEYS[2] = meta; KEYS[3..] = buckets.
    // ARGV[1] = the buckets' new version token; ARGV[2] = G, then G triples (group key, expected ledger value or '' for
    // none, new value); then per bucket key: expire-at (Unix s, 0 = never), field count N, N pairs (field, delta).
    // Nothing is written unless every group's ledger value is still the one the book read (returns {0, 0}); fields that
    // reach 0 are removed, so a bucket holds exactly the non-zero fields; a write to any bucket sets meta's version
    // (MetricKeys.VersionField). Returns {1, fields incremented}.
    public const string Apply = """
        local g = tonumber(ARGV[2])
        local i = 3
        for n = 1, g do
          local current = redis.call('HGET', KEYS[1], ARGV[i])
          if current == false then current = '' end
          if current ~= ARGV[i + 1] then return {0, 0} end
          i = i + 3
        end
        i = 3
        for n = 1, g do
          redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2])
          i = i + 3
        end
        local writes = 0
        for k = 3, #KEYS do
          local expireAt = tonumber(ARGV[i])
          local count = tonumber(ARGV[i + 1])
          i = i + 2
          for m = 1, count do
            local v = redis.call('HINCRBY', KEYS[k], ARGV[i], ARGV[i + 1])
            if tonumber(v) == 0 then redis.call('HDEL', KEYS[k], ARGV[i]) end
            writes = writes + 1
            i = i + 2
          end
          if expireAt > 0 then redis.call('EXPIREAT', KEYS[k], expireAt) end
        end
        if writes > 0 then redis.call('HSET', KEYS[2], 'v', ARGV[1]) end
        return {1, writes}
        """;
}
