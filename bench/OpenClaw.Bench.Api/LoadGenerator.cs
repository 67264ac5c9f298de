using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenClaw.Bench.Cluster;
using OpenClaw.TestSupport;

namespace OpenClaw.Bench.Api;

/// <summary>
/// What the load process is asked to do: <see cref="Clients"/> clients send GETs of <see cref="Paths"/> (taken in turn)
/// for <see cref="Seconds"/> after a warm-up; with <see cref="Gzip"/> they send <c>Accept-Encoding: gzip</c> and read the
/// compressed body (as sent on the wire) to its last byte.
/// </summary>
internal sealed record LoadPlan(string Url, string Key, IReadOnlyList<string> Paths, int Clients, int WarmupSeconds, int Seconds, string ResultPath, bool Gzip = false);

/// <summary>Latencies of one path over the measured window (milliseconds, request sent → last body byte read).</summary>
internal sealed record PathLoad(string Path, int Requests, int Errors, string? FirstError, double P50, double P90, double P99, double Max, double MeanBytes);

/// <summary>What the load process measured.</summary>
internal sealed record LoadResult(int Clients, double Seconds, IReadOnlyList<PathLoad> Paths)
{
    public double RequestsPerSecond => Paths.Sum(p => p.Requests) / Seconds;
}

/// <summary>
/// The load generator, run in its own process (the bench starts itself with the <c>load</c> verb and a plan file) so its
/// CPU is not the API's: closed-loop clients, each one request at a time on its own pooled connection, reading every
/// body to its last byte.
/// </summary>
internal static class LoadGenerator
{
    // A path whose every request failed has NaN percentiles.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<int> RunAsync(string planPath)
    {
        var plan = JsonSerializer.Deserialize<LoadPlan>(await File.ReadAllTextAsync(planPath), Json)!;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = plan.Clients, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = new Uri(plan.Url),
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.Authorization = new("Bearer", plan.Key);
        if (plan.Gzip)
        {
            http.DefaultRequestHeaders.AcceptEncoding.Add(new("gzip"));
        }

        var samples = plan.Paths.Select(_ => new List<double>()).ToArray();
        var bytes = new long[plan.Paths.Count];
        var errors = new int[plan.Paths.Count];
        var firstErrors = new string?[plan.Paths.Count];
        var started = Stopwatch.GetTimestamp();
        var measureFrom = TimeSpan.FromSeconds(plan.WarmupSeconds);
        var end = measureFrom + TimeSpan.FromSeconds(plan.Seconds);

        async Task ClientAsync(int client)
        {
            var buffer = new byte[64 * 1024];
            for (var i = client; Stopwatch.GetElapsedTime(started) < end; i++)
            {
                var p = i % plan.Paths.Count;
                var sent = Stopwatch.GetTimestamp();
                var measured = Stopwatch.GetElapsedTime(started) >= measureFrom;
                long read = 0;
                string? error = null;
                try
                {
                    using var response = await http.GetAsync(plan.Paths[p], HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await response.Content.ReadAsStreamAsync();
                    for (int n; (n = await body.ReadAsync(buffer)) > 0;)
                    {
                        read += n;
                    }

                    error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    error = ex.GetType().Name + ": " + ex.Message;
                }

                var ms = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                if (!measured)
                {
                    continue;
                }

                lock (samples[p])
                {
                    if (error is null)
                    {
                        samples[p].Add(ms);
                        bytes[p] += read;
                    }
                    else
                    {
                        errors[p]++;
                        firstErrors[p] ??= error;
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, plan.Clients).Select(c => Task.Run(() => ClientAsync(c))));
        var seconds = (Stopwatch.GetElapsedTime(started) - measureFrom).TotalSeconds;
        var result = new LoadResult(plan.Clients, seconds, [.. plan.Paths.Select((path, p) => new PathLoad(path, samples[p].Count, errors[p], firstErrors[p],
            Stats.Percentile(samples[p], 50), Stats.Percentile(samples[p], 90), Stats.Percentile(samples[p], 99), samples[p].DefaultIfEmpty().Max(),
            samples[p].Count == 0 ? 0 : (double)bytes[p] / samples[p].Count))]);
        await File.WriteAllTextAsync(plan.ResultPath, JsonSerializer.Serialize(result, Json));
        return 0;
    }

    /// <summary>
    /// Runs <paramref name="plan"/> in a new process of this bench (with <paramref name="alongside"/> running here
    /// meanwhile, given the child's pid, e.g. CPU or memory sampling) and returns what it measured.
    /// </summary>
    public static async Task<T> RunChildAsync<T>(string verb, object plan, string resultPath, Func<int, Task>? alongside = null)
    {
        var planPath = Path.Combine(Path.GetTempPath(), $"openclaw-bench-api-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(planPath, JsonSerializer.Serialize(plan));
        var self = Environment.ProcessPath!;
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self) { ArgumentList = { typeof(LoadGenerator).Assembly.Location, verb, planPath } }
            : new ProcessStartInfo(self) { ArgumentList = { verb, planPath } };
        await using var child = ChildProcess.Start(start);
        var exit = child.WaitForExitAsync(TimeSpan.FromMinutes(30));
        if (alongside is not null)
        {
            await alongside(child.Id);
        }

        var code = await exit;
        File.Delete(planPath);
        if (code != 0 || !File.Exists(resultPath))
        {
            throw new InvalidOperationException($"the {verb} process exited with {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "a timeout"}:\n{child.Tail(40)}");
        }

        var result = JsonSerializer.Deserialize<T>(await File.ReadAllTextAsync(resultPath), Json)!;
        File.Delete(resultPath);
        return result;
    }

    /// <summary>A fresh result file path.</summary>
    public static string NewResultPath() => Path.Combine(Path.GetTempPath(), $"openclaw-bench-api-{Guid.NewGuid():N}.result.json");
}
