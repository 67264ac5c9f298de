using System.Globalization;

namespace OpenClaw.AppHost.Tests.Run;

/// <summary>One process as <c>/proc</c> shows it; the start time tells a reused pid from the original process.</summary>
internal sealed record ProcessInfo(int Pid, int ParentPid, char State, ulong StartTicks, string CommandLine)
{
    public override string ToString() => $"{Pid} [{State}] {CommandLine}";
}

/// <summary>Reads the process table from <c>/proc</c> (these tests run on Linux, like DCP here).</summary>
internal static class LinuxProcesses
{
    public static IReadOnlyList<ProcessInfo> Snapshot()
    {
        var processes = new List<ProcessInfo>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } info)
            {
                processes.Add(info);
            }
        }

        return processes;
    }

    /// <summary>
    /// The processes started for a run: the roots (pids DCP reported), everything below them (the app under a
    /// <c>dotnet run</c>, Garnet under <c>dotnet tool run</c>), and any process whose command line matches.
    /// </summary>
    public static IReadOnlyList<ProcessInfo> Family(IEnumerable<int> roots, Func<ProcessInfo, bool> alsoMatching)
    {
        var all = Snapshot();
        var members = all.Where(p => roots.Contains(p.Pid) || alsoMatching(p)).Select(p => p.Pid).ToHashSet();
        bool added;
        do
        {
            added = false;
            foreach (var process in all.Where(p => !members.Contains(p.Pid) && members.Contains(p.ParentPid)))
            {
                added |= members.Add(process.Pid);
            }
        }
        while (added);

        return all.Where(p => members.Contains(p.Pid)).ToList();
    }

    /// <summary>True while the very process (same pid and start time) still runs; a zombie has exited.</summary>
    public static bool IsAlive(ProcessInfo process) =>
        Read(process.Pid) is { } now && now.StartTicks == process.StartTicks && now.State != 'Z';

    private static ProcessInfo? Read(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ... starttime(22nd field)"; comm may contain spaces, so parse after ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return new ProcessInfo(
                pid,
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                fields[0][0],
                ulong.Parse(fields[19], CultureInfo.InvariantCulture),
                cmdline);
        }
        catch (IOException)
        {
            return null; // Exited while we looked.
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
