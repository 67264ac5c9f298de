using System.Diagnostics;
using System.Text.Json;

namespace OpenClaw.Bench.Api;

/// <summary>What the export process is asked to do: download <see cref="Path"/> <see cref="Runs"/> times, one after another.</summary>
internal sealed record ExportPlan(string Url, string Key, string Path, int Runs, string ResultPath);

/// <summary>One download: time to the first and the last byte, size, rows (lines after the header), whether it starts with the UTF-8 BOM.</summary>
internal sealed record ExportRun(double FirstByteMs, double LastByteMs, long Bytes, long Rows, bool Bom, string Header, string? Truncated);

/// <summary>The export client, run in its own process like the load generator (the <c>export</c> verb).</summary>
internal static class ExportClient
{
    public static async Task<int> RunAsync(string planPath)
    {
        var plan = JsonSerializer.Deserialize<ExportPlan>(await File.ReadAllTextAsync(planPath))!;
        using var http = new HttpClient { BaseAddress = new Uri(plan.Url), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", plan.Key);
        var runs = new List<ExportRun>();
        var buffer = new byte[64 * 1024];
        for (var i = 0; i < plan.Runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(plan.Path, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            double firstByte = -1;
            long bytes = 0, lines = 0;
            var head = new List<byte>();
            for (int n; (n = await body.ReadAsync(buffer)) > 0;)
            {
                if (firstByte < 0)
                {
                    firstByte = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }

                if (head.Count < 512)
                {
                    head.AddRange(buffer.AsSpan(0, Math.Min(n, 512 - head.Count)).ToArray());
                }

                bytes += n;
                lines += buffer.AsSpan(0, n).Count((byte)'\n');
            }

            var lastByte = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var bom = head.Count >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF;
            var text = System.Text.Encoding.UTF8.GetString(head.ToArray());
            var header = text.Split('\n')[0].Trim('\uFEFF', '\r');
            response.Headers.TryGetValues("X-OpenClaw-Truncated", out var truncated);
            runs.Add(new ExportRun(firstByte, lastByte, bytes, lines - 1, bom, header, truncated?.FirstOrDefault()));
        }

        await File.WriteAllTextAsync(plan.ResultPath, JsonSerializer.Serialize(runs));
        return 0;
    }
}
