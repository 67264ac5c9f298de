using System.Globalization;
using StackExchange.Redis;

namespace OpenClaw.Grains.Metrics.Storage;

public sealed partial class MetricBook
{
    // The arguments of one MetricBookScripts.Apply call: the version token, ledger compare-and-set per group, then increments per bucket.
    private sealed class BucketWrite(string shopId, DateOnly firstKeptDay, int retentionDays)
    {
        private readonly List<(string Key, string? Expected, string Next)> _ledger = [];
        private readonly Dictionary<string, List<(string Field, long Delta)>> _buckets = new(StringComparer.Ordinal);

        public int Groups => _ledger.Count;

        public void Add(string groupKey, string? expected, string next, IEnumerable<(string Bucket, string Field, long Delta)> deltas)
        {
            _ledger.Add((groupKey, expected, next));
            foreach (var (bucket, field, delta) in deltas)
            {
                // Days beyond the retention are left alone: their keys are gone or about to expire.
                if (TryParseDay(bucket, out var day) && day < firstKeptDay)
                {
                    continue;
                }

                if (!_buckets.TryGetValue(bucket, out var fields))
                {
                    _buckets[bucket] = fields = [];
                }

                fields.Add((field, delta));
            }
        }

        public (RedisKey[] Keys, RedisValue[] Args) ScriptArguments()
        {
            var keys = new List<RedisKey> { MetricKeys.Ledger(shopId), MetricKeys.Meta(shopId) };
            var args = new List<RedisValue> { MetricKeys.NewVersion(), _ledger.Count };
            foreach (var (key, expected, next) in _ledger)
            {
                args.Add(key);
                args.Add(expected ?? "");
                args.Add(next);
            }

            foreach (var (bucket, fields) in _buckets)
            {
                keys.Add(MetricKeys.Bucket(shopId, bucket));
                args.Add(TryParseDay(bucket, out var day) ? ExpireAt(day, retentionDays) : 0);
                args.Add(fields.Count);
                foreach (var (field, delta) in fields)
                {
                    args.Add(field);
                    args.Add(delta.ToString(CultureInfo.InvariantCulture));
                }
            }

            return ([.. keys], [.. args]);
        }
    }
}
