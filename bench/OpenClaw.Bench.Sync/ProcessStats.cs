using System.Globalization;

namespace OpenClaw.Bench.Sync;

/// <summary>CPU time and resident memory of a process and its children, from <c>/proc</c> (Linux).</summary>
internal static class ProcessStats
{
    // USER_HZ: the unit of utime/stime in /proc/[pid]/stat; 100 on every mainstream Linux build.
    private const double TicksPerSecond = 100;

    /// <summary>The process and every descendant still running.</summary>
    public static IReadOnlyList<int> Tree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } fields)
            {
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        }

        return tree;
    }

    /// <summary>User + system CPU time of the processes (those gone count 0).</summary>
    public static TimeSpan CpuTime(IEnumerable<int> pids) => TimeSpan.FromSeconds(pids.Sum(pid => Stat(pid) is { } f
        ? (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / TicksPerSecond
        : 0));

    /// <summary>Resident set (VmRSS) of the processes in bytes.</summary>
    public static long Rss(IEnumerable<int> pids) => pids.Sum(pid =>
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    });

    // Fields of /proc/[pid]/stat after the command name: [0] state, [1] ppid, … [11] utime, [12] stime.
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
