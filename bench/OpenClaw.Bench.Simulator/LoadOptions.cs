using System.Globalization;

namespace OpenClaw.Bench.Simulator;

/// <summary>Command-line knobs: <c>--shops N --workers N --seconds N --connected N --warmup N --only KIND</c>.</summary>
internal sealed record LoadOptions(int Shops, int Workers, int Seconds, int ConnectedShops, int WarmupSeconds, string? Only)
{
    public static LoadOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var only = Array.IndexOf(args, "--only") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : null;
        return new LoadOptions(Get("shops", 10_000), Get("workers", 32), Get("seconds", 20), Get("connected", 500), Get("warmup", 3), only);
    }
}
