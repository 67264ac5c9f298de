using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OpenClaw.Bench.Cluster;

namespace OpenClaw.Bench.Alerts;

/// <summary>Fires the policy violations, matches each with its notification, and prints the latencies.</summary>
internal static class Incidents
{
    /// <summary>Freezes <paramref name="count"/> active products round-robin over the shops (TikTok's policy-violation action), one every <paramref name="pace"/>.</summary>
    public static async Task<IReadOnlyList<(string Shop, string Product)>> FireAsync(HttpClient simulator, IReadOnlyList<string> shopIds, int count, TimeSpan pace)
    {
        var fired = new List<(string, string)>();
        for (var i = 0; i < count; i++)
        {
            var shopId = shopIds[i % shopIds.Count];
            using var response = await simulator.PostAsJsonAsync("/_sim/products/incident", new { shop_id = shopId, status = "FREEZE" });
            response.EnsureSuccessStatusCode();
            fired.Add((shopId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("product_id").GetString()!));
            await Task.Delay(pace);
        }

        return fired;
    }

    /// <summary>
    /// Latency per incident (ms): first chat message carrying its firing alert − the API's receipt of its webhook; with
    /// <paramref name="details"/>, also printed split at the simulator's answer to the shop's fetch of the product.
    /// </summary>
    public static async Task<IReadOnlyList<double>> CollectAsync(HttpClient simulator, WebhookClock webhooks, DetailFetchClock? details,
        IReadOnlyList<(string Shop, string Product)> fired, TimeSpan timeout)
    {
        var delivered = await WaitDeliveredAsync(simulator, fired, timeout);
        Console.WriteLine($"webhooks reached the API for {fired.Count(webhooks.Received.ContainsKey)} of the {fired.Count} products; "
            + $"chat messages carried {fired.Count(delivered.ContainsKey)} of their policy violations ({delivered.Count} in all)");
        var measured = fired.Where(f => delivered.ContainsKey(f) && webhooks.Received.ContainsKey(f)).ToList();
        if (details is not null)
        {
            var hops = measured.Select(f => (Received: webhooks.Received[f], Answered: details.FirstAnswerSince(f.Product, webhooks.Received[f]), Delivered: delivered[f]))
                .Where(h => h.Answered is { } a && a <= h.Delivered).ToList();
            Console.WriteLine($"by hop ({hops.Count} incidents with a detail fetch between webhook and chat): "
                + $"webhook → detail answered {Percentiles([.. hops.Select(h => (h.Answered!.Value - h.Received).TotalMilliseconds)])}; "
                + $"detail answered → chat {Percentiles([.. hops.Select(h => (h.Delivered - h.Answered!.Value).TotalMilliseconds)])}");
        }

        return [.. measured.Select(f => (delivered[f] - webhooks.Received[f]).TotalMilliseconds)];
    }

    private static string Percentiles(IReadOnlyList<double> values) =>
        string.Join(", ", new[] { 50.0, 90, 99 }.Select(p => $"p{p.ToString(CultureInfo.InvariantCulture)} {Stats.Ms(Stats.Percentile(values, p))}"));

    public static void Report(BenchArguments options, int fired, IReadOnlyList<double> latencies)
    {
        Console.WriteLine($"fired {fired}, measured {latencies.Count} (missing {fired - latencies.Count}), group wait {options.GroupWait.TotalSeconds} s");
        foreach (var p in new[] { 50.0, 90, 99 })
        {
            Console.WriteLine($"p{p.ToString(CultureInfo.InvariantCulture)}: {Stats.Ms(Stats.Percentile(latencies, p))}");
        }

        Console.WriteLine($"min {Stats.Ms(latencies.DefaultIfEmpty(double.NaN).Min())}, max {Stats.Ms(latencies.DefaultIfEmpty(double.NaN).Max())}");
    }

    /// <summary>Polls the receiver every second until every fired incident has a message or <paramref name="timeout"/> passes; the first message time per incident.</summary>
    public static async Task<Dictionary<(string, string), DateTimeOffset>> WaitDeliveredAsync(HttpClient simulator, IReadOnlyList<(string Shop, string Product)> fired, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var delivered = new Dictionary<(string, string), DateTimeOffset>();
        while (DateTimeOffset.UtcNow < deadline)
        {
            delivered = await DeliveredAsync(simulator);
            if (fired.All(delivered.ContainsKey))
            {
                break;
            }

            await Task.Delay(1000);
        }

        return delivered;
    }

    /// <summary>The signed-webhook receiver's messages (each with the policy violations it carries as firing) and its counters.</summary>
    public static async Task<ChatInbox> ReadInboxAsync(HttpClient simulator)
    {
        var view = await simulator.GetFromJsonAsync<JsonElement>("/_sim/chat/webhook/messages");
        var messages = new List<ChatMessage>();
        foreach (var message in view.GetProperty("messages").EnumerateArray())
        {
            using var body = JsonDocument.Parse(message.GetProperty("body").GetString()!);
            var violations = new List<(string, string)>();
            foreach (var alert in body.RootElement.GetProperty("alerts").EnumerateArray())
            {
                if (alert.GetProperty("key").GetString() == "policy_violation" && alert.GetProperty("status").GetString() == "firing"
                    && alert.GetProperty("labels").TryGetProperty("subject", out var subject))
                {
                    violations.Add((alert.GetProperty("shop_id").GetString()!, subject.GetString()!));
                }
            }

            messages.Add(new ChatMessage(message.GetProperty("received_at").GetDateTimeOffset(), message.GetProperty("request_id").GetString()!, violations));
        }

        return new ChatInbox(messages, view.GetProperty("failed").GetInt64(), view.GetProperty("duplicates").GetInt64());
    }

    // The first message (received_at) carrying each (shop, product) policy-violation alert as firing.
    private static async Task<Dictionary<(string, string), DateTimeOffset>> DeliveredAsync(HttpClient simulator)
    {
        var delivered = new Dictionary<(string, string), DateTimeOffset>();
        foreach (var message in (await ReadInboxAsync(simulator)).Messages)
        {
            foreach (var violation in message.FiringViolations)
            {
                delivered.TryAdd(violation, message.ReceivedAt);
            }
        }

        return delivered;
    }
}

/// <summary>One accepted chat message: when, its idempotency id (<c>X-OpenClaw-Request-Id</c>), the (shop, product) violations it reports firing.</summary>
internal sealed record ChatMessage(DateTimeOffset ReceivedAt, string RequestId, IReadOnlyList<(string Shop, string Product)> FiringViolations);

/// <summary>The receiver's view: accepted messages, requests answered with an injected failure, repeated request ids it refused to record.</summary>
internal sealed record ChatInbox(IReadOnlyList<ChatMessage> Messages, long Failed, long Duplicates);
