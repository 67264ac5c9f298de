namespace OpenClaw.Bench.Cluster;

/// <summary>What the numbers were measured on.</summary>
internal static class Machine
{
    public static bool HasRedisServer =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(dir => File.Exists(Path.Combine(dir, "redis-server")));

    public static string Describe()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? "unknown CPU";
        var memKb = ReadField("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var ram = memKb is null ? "unknown RAM" : $"{long.Parse(memKb, System.Globalization.CultureInfo.InvariantCulture) / 1048576.0:F1} GiB RAM";
        return $"{Environment.ProcessorCount} cores (nproc), {cpu}, {ram}, .NET {Environment.Version}, load average {Load()}";
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string? ReadField(string file, string name) =>
        File.Exists(file)
            ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
}
