using System.Globalization;
using System.Net.Http.Json;
using OpenClaw.Bench.Cluster;

namespace OpenClaw.Bench.Alerts;

/// <summary>
/// Issue 14's "chat receiver down for 10 minutes": the signed-webhook receiver answers 503 to every request while the
/// incidents are fired, spread evenly over the outage; then it answers again. Checked: every incident's alert delivered,
/// each in exactly one accepted message, no request id delivered twice, and how long after the receiver came back the
/// last one arrived (the outbox's backoff: 5 s doubling to 30 min, ±20 %, docs/reliability.md).
/// </summary>
internal static class ReceiverOutage
{
    // The simulator takes at most 10,000 failures at once: far more than the outbox's retries of a few hundred alerts.
    private const int FailEveryRequest = 10_000;

    public static async Task RunAsync(HttpClient simulator, IReadOnlyList<string> shopIds, BenchArguments options)
    {
        await FailAsync(simulator, FailEveryRequest);
        var downAt = DateTimeOffset.UtcNow;
        Console.WriteLine($"{downAt:HH:mm:ss} receiver down (every request answers 503) for {options.ReceiverDown.TotalSeconds:F0} s; firing {options.Events} incidents over it");
        var fired = await Incidents.FireAsync(simulator, shopIds, options.Events, options.ReceiverDown / options.Events);
        if (downAt + options.ReceiverDown - DateTimeOffset.UtcNow is { } rest && rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }

        var failedAttempts = (await Incidents.ReadInboxAsync(simulator)).Failed;
        await FailAsync(simulator, 0);
        var upAt = DateTimeOffset.UtcNow;
        var during = (await Incidents.ReadInboxAsync(simulator)).Messages.Count;
        Console.WriteLine($"{upAt:HH:mm:ss} receiver up again; {failedAttempts} delivery attempts were refused, {during} messages accepted during the outage");

        // The longest wait after the receiver returns is one backoff step; the steps reach 30 min (+20 % jitter).
        var delivered = await Incidents.WaitDeliveredAsync(simulator, fired, TimeSpan.FromMinutes(37));
        var inbox = await Incidents.ReadInboxAsync(simulator);
        var perIncident = fired.ToDictionary(f => f, f => inbox.Messages.Count(m => m.FiringViolations.Contains(f)));
        var repeatedIds = inbox.Messages.GroupBy(m => m.RequestId).Count(g => g.Count() > 1);
        var afterUp = fired.Where(delivered.ContainsKey).Select(f => (delivered[f] - upAt).TotalSeconds).ToList();

        Console.WriteLine();
        Console.WriteLine($"| receiver down {options.ReceiverDown.TotalMinutes:F0} min, {fired.Count} incidents over {shopIds.Count} shops | value |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| delivery attempts refused during the outage | {failedAttempts:N0} |");
        Console.WriteLine($"| incidents delivered (lost) | **{delivered.Count(d => fired.Contains(d.Key))} of {fired.Count}** ({fired.Count(f => !delivered.ContainsKey(f))} lost) |");
        Console.WriteLine($"| incidents in more than one accepted message; request ids accepted twice; repeats the receiver refused | **{perIncident.Count(p => p.Value > 1)}**; **{repeatedIds}**; {inbox.Duplicates} |");
        Console.WriteLine($"| accepted messages in all | {inbox.Messages.Count:N0} |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| delivered after the receiver came back: p50 / p90 / max | {Stats.Percentile(afterUp, 50):F0} s / {Stats.Percentile(afterUp, 90):F0} s / {afterUp.DefaultIfEmpty(double.NaN).Max():F0} s |"));
    }

    private static async Task FailAsync(HttpClient simulator, int count)
    {
        using var response = await simulator.PostAsJsonAsync("/_sim/chat/webhook/fail", new { mode = "server_error", count });
        response.EnsureSuccessStatusCode();
    }
}
