using System.Globalization;

namespace OpenClaw.Bench.Sync;

/// <summary>Command line: <c>rate|scale|soak [--name value]…</c>; every option has a default.</summary>
internal sealed class BenchOptions
{
    private readonly string[] args;

    private BenchOptions(string scenario, string[] args)
    {
        Scenario = scenario;
        this.args = args;
    }

    public string Scenario { get; }

    public string CommandLine => string.Join(' ', args);

    public static BenchOptions Parse(string[] args)
    {
        var scenario = args.Length > 0 ? args[0] : "";
        if (scenario is not ("rate" or "scale" or "soak" or "backfill"))
        {
            throw new ArgumentException("usage: dotnet run -c Release --project bench/OpenClaw.Bench.Sync -- rate|scale|soak|backfill [--option value]… (see docs/benchmarks.md)");
        }

        var options = new BenchOptions(scenario, args);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected '--name value' pairs after the scenario, got '{args[i]}'");
            }
        }

        return options;
    }

    public string Text(string name, string fallback) =>
        args.Skip(1).Chunk(2).FirstOrDefault(p => p[0] == "--" + name) is { Length: 2 } pair ? pair[1] : fallback;

    public int Int(string name, int fallback) => int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public long Long(string name, long fallback) => long.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public double Double(string name, double fallback) => double.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
