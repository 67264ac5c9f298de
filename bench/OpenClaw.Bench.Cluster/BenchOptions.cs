using System.Globalization;
using OpenClaw.TestSupport;

namespace OpenClaw.Bench.Cluster;

/// <summary>Command line of the bench.</summary>
internal sealed record BenchOptions(string Mode, int FailoverRuns, IReadOnlyList<RedisServerKind> Stores, int Activations, int Calls, int Seconds)
{
    public bool Runs(string mode) => Mode == "all" || Mode == mode;

    public static BenchOptions Parse(string[] args)
    {
        var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        if (mode is not ("all" or "failover" or "calls" or "memory"))
        {
            throw new ArgumentException($"unknown mode '{mode}': use all, failover, calls or memory");
        }

        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        // redis-server joins the failover runs when it is installed (apt-get install -y redis-server).
        var stores = Value("--stores") is { } list
            ? list.Split(',').Select(s => Enum.Parse<RedisServerKind>(s, ignoreCase: true)).ToList()
            : Machine.HasRedisServer ? [RedisServerKind.Garnet, RedisServerKind.Redis] : [RedisServerKind.Garnet];
        return new BenchOptions(mode, Int("--runs", 10), stores, Int("--activations", 20_000), Int("--calls", 20_000), Int("--seconds", 5));
    }
}
