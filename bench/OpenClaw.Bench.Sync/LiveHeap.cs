using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using OpenClaw.TestSupport;

namespace OpenClaw.Bench.Sync;

/// <summary>
/// Live managed objects of a process, from a heap snapshot taken with <c>dotnet-gcdump</c> (in the repository's tool
/// manifest): what the shops really hold, unlike the GC's committed memory, which server GC keeps well above the live
/// objects. The snapshot induces a full GC in the target and takes seconds for a large heap.
/// </summary>
internal static partial class LiveHeap
{
    /// <summary>Bytes of live objects, or null (with the reason printed) when the tool fails.</summary>
    public static async Task<long?> BytesAsync(int pid)
    {
        var file = Path.Combine(Path.GetTempPath(), $"openclaw-bench-{pid}-{Guid.NewGuid():N}.gcdump");
        try
        {
            var (collected, collectOutput) = await ToolAsync("collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file);
            if (collected != 0)
            {
                Console.WriteLine($"  dotnet-gcdump collect failed ({collected}): {collectOutput.Trim()}");
                return null;
            }

            var (reported, report) = await ToolAsync("report", file);
            if (reported == 0 && HeapBytesLine().Match(report) is { Success: true } match)
            {
                return long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            }

            Console.WriteLine($"  dotnet-gcdump report failed ({reported})");
            return null;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(int ExitCode, string Output)> ToolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.FullPath,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["tool", "run", "dotnet-gcdump", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"^\s*([\d,]+)\s+GC Heap bytes", RegexOptions.Multiline)]
    private static partial Regex HeapBytesLine();
}
