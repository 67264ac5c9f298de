using System.Globalization;
using System.Text;
using OpenClaw.Grains.OpsErrors;
using StackExchange.Redis;

namespace OpenClaw.Bench.Sync;

/// <summary>
/// Counts the silo's log lines by level as they are written (the default console formatter's <c>warn:</c>,
/// <c>fail:</c>, <c>crit:</c> prefixes), so a long run can show whether errors grow without keeping the output.
/// </summary>
internal sealed class LogLevelCounter
{
    private long _warnings;
    private long _errors;

    public long Warnings => Interlocked.Read(ref _warnings);

    public long Errors => Interlocked.Read(ref _errors);

    public void Count(string line)
    {
        if (line.StartsWith("warn:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _warnings);
        }
        else if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _errors);
        }
    }
}

/// <summary>
/// Silo and Garnet memory at one moment (bytes): the silo's GC memory after a forced GC (Orleans' statistic), its live
/// objects from a heap snapshot (null when the tool failed), its resident set, and what Garnet's INFO says.
/// </summary>
internal sealed record MemoryPoint(long SiloHeap, long SiloRss, long? SiloLive, GarnetMemory Garnet)
{
    public static string Mib(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture) + " MiB";

    public override string ToString() =>
        $"silo heap {SiloHeap / 1048576.0:F0} MiB (live objects {(SiloLive ?? 0) / 1048576.0:F0} MiB), RSS {SiloRss / 1048576.0:F0} MiB; Garnet RSS {Garnet.ProcessPhysical / 1048576.0:F0} MiB, store {Garnet.MainStoreSize / 1048576.0:F0} MiB, {Garnet.Keys:N0} keys";
}

/// <summary>One soak sample: seconds into the steady-state window, memory, failed calls on record, log lines, orders lag p99 (seconds).</summary>
internal sealed record SoakSample(double Seconds, MemoryPoint Memory, long OpsErrorCalls, long Warnings, long Errors, double OrdersLagP99);

/// <summary>
/// The soak's reading (issue 14: "memory and Redis size flat after warm-up, no error growth"): every sample in a table,
/// then the growth from the first sample to the mean of the last three (one sample can land on a GC or compaction).
/// </summary>
internal static class SoakSamples
{
    /// <summary>Failed TikTok calls on record (sum of every ops-error group's <c>occurrences</c>) over the bench's tenants.</summary>
    public static async Task<long> OpsErrorCallsAsync(IConnectionMultiplexer redis, string tenantPrefix, int tenants)
    {
        var db = redis.GetDatabase();
        long total = 0;
        for (var t = 0; t < tenants; t++)
        {
            var tenant = $"{tenantPrefix}-{t}";
            var groups = await db.SortedSetRangeByRankAsync(OpsErrorKeys.All(tenant));
            var counts = await Task.WhenAll(groups.Select(g => db.HashGetAsync(OpsErrorKeys.Group(tenant, g!), "occurrences")));
            total += counts.Sum(c => c.TryParse(out long n) ? n : 0);
        }

        return total;
    }

    public static string Markdown(IReadOnlyList<SoakSample> samples, int shops)
    {
        var md = new StringBuilder();
        md.AppendLine("| t (s) | silo GC memory | silo live objects | silo RSS | Garnet RSS | Garnet store | keys | failed calls on record | silo warn / fail lines | orders lag p99 |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in samples)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Seconds:F0} | {Mib(s.Memory.SiloHeap)} | {(s.Memory.SiloLive is { } live ? Mib(live) : "—")} | {Mib(s.Memory.SiloRss)} | {Mib(s.Memory.Garnet.ProcessPhysical)} | {Mib(s.Memory.Garnet.MainStoreSize)} | {s.Memory.Garnet.Keys:N0} | {s.OpsErrorCalls:N0} | {s.Warnings:N0} / {s.Errors:N0} | {s.OrdersLagP99:F0} s |");
        }

        if (samples.Count >= 4)
        {
            var first = samples[0].Memory;
            var last = samples.TakeLast(3).Select(s => s.Memory).ToList();
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Growth from the first sample ({samples[0].Seconds:F0} s) to the mean of the last three ({shops:N0} shops): " +
                $"silo GC memory **{Growth(first.SiloHeap, last.Average(s => s.SiloHeap))}**, silo live objects **{Growth(first.SiloLive ?? 0, last.Average(s => s.SiloLive ?? 0))}**, silo RSS **{Growth(first.SiloRss, last.Average(s => s.SiloRss))}**, " +
                $"Garnet RSS **{Growth(first.Garnet.ProcessPhysical, last.Average(s => s.Garnet.ProcessPhysical))}**, " +
                $"Garnet store {Growth(first.Garnet.MainStoreSize, last.Average(s => s.Garnet.MainStoreSize))}, keys {Growth(first.Garnet.Keys, last.Average(s => s.Garnet.Keys))}; " +
                $"failed calls on record {samples[0].OpsErrorCalls:N0} → {samples[^1].OpsErrorCalls:N0}, silo error lines {samples[0].Errors:N0} → {samples[^1].Errors:N0}.");
        }

        return md.ToString();
    }

    private static string Growth(double from, double to) => from <= 0 ? "n/a" : ((to - from) / from).ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture);

    private static string Mib(long bytes) => MemoryPoint.Mib(bytes);
}
