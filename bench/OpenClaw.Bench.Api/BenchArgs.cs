using System.Globalization;

namespace OpenClaw.Bench.Api;

/// <summary>Command line: <c>overview|compare|memory|csv [--name value]…</c>; every option has a default.</summary>
internal sealed class BenchArgs(string scenario, string[] args)
{
    public const string Usage = "usage: dotnet run -c Release --project bench/OpenClaw.Bench.Api -- overview|compare|memory|csv [--option value]… (see docs/benchmarks.md)";

    public string Scenario { get; } = scenario;

    public string CommandLine => string.Join(' ', args);

    public string Text(string name, string fallback)
    {
        var at = Array.IndexOf(args, "--" + name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    public int Int(string name, int fallback) => int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
