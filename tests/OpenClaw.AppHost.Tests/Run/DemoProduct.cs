using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using OpenClaw.AppHost.Demo;
using Polly;

namespace OpenClaw.AppHost.Tests.Run;

/// <summary>
/// What an operator of the running demo sees, asked the way they would: the API with the demo tenant's key, the
/// simulator's ground truth and chat receivers (<c>/_sim</c>), the dashboard's pages. Every wait is on a condition.
/// </summary>
internal sealed class DemoProduct(DemoSignIn signIn, Uri simulator, Uri dashboard) : IDisposable
{
    private readonly HttpClient api = new(HonouringRetryAfter()) { BaseAddress = signIn.ApiUrl, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", signIn.ApiKey) } };
    private readonly HttpClient sim = new() { BaseAddress = simulator };
    private readonly HttpClient web = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = dashboard };

    // The API answers 429 with Retry-After past 50 requests a second per key (RateLimitOptions); the test polls a dozen
    // shops every 100 ms, and, as any client of the API should, waits as told. Only 429: a 503 while a silo is declared
    // dead is what the failover check counts.
    private static ResilienceHandler HonouringRetryAfter() => new(new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new HttpRetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
            ShouldRetryAfterHeader = true,
            MaxRetryAttempts = 20,
            Delay = TimeSpan.FromMilliseconds(200),
        })
        .Build())
    {
        InnerHandler = new SocketsHttpHandler(),
    };

    public async Task<IReadOnlyList<JsonElement>> ShopsAsync(CancellationToken ct)
    {
        var page = await api.GetFromJsonAsync<JsonElement>("/api/v1/shops?limit=200", ct);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public async Task<IReadOnlyList<string>> SimulatorShopIdsAsync(CancellationToken ct)
    {
        var shops = await sim.GetFromJsonAsync<JsonElement>("/_sim/shops", ct);
        return [.. shops.EnumerateArray().Select(s => s.GetProperty("shop_id").GetString()!)];
    }

    /// <summary>The demo tenant's API key (what the operator signs in with).</summary>
    public string ApiKey => signIn.ApiKey;

    /// <summary>Every access and refresh token the simulator has issued so far.</summary>
    public async Task<IReadOnlyList<string>> IssuedTokensAsync(CancellationToken ct)
    {
        var tokens = await sim.GetFromJsonAsync<JsonElement>("/_sim/auth/tokens", ct);
        return [.. tokens.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!)];
    }

    /// <summary>True when every domain with a history has stored all of it and ran an incremental window.</summary>
    public async Task<bool> SyncedAsync(string shopId, CancellationToken ct)
    {
        var shop = await api.GetFromJsonAsync<JsonElement>($"/api/v1/shops/{shopId}", ct);
        var pending = shop.GetProperty("sync").EnumerateArray()
            .Where(d => d.GetProperty("backfill_from").ValueKind != JsonValueKind.Null)
            .Where(d => !d.GetProperty("backfill_complete").GetBoolean() || d.GetProperty("last_success_at").ValueKind == JsonValueKind.Null)
            .ToList();
        LastUnsynced = string.Join("; ", pending.Select(d => d.GetRawText()));
        return pending.Count == 0;
    }

    /// <summary>The domains (as the API shows them) that kept the last <see cref="SyncedAsync"/> false, for a failure message.</summary>
    public string LastUnsynced { get; private set; } = "";

    /// <summary>Paid orders and GMV per closed day, as OpenClaw reports them and as the simulator knows them.</summary>
    public async Task<(string Ours, string Truth, long PaidOrders)> PaidOrdersAsync(string shopId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var truth = (await sim.GetFromJsonAsync<JsonElement>($"/_sim/truth/{shopId}/metrics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", ct)).GetProperty("days");
        var truthDays = new List<string>();
        long paid = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var fields = truth.TryGetProperty(date, out var f) ? f : default;
            paid += Field(fields, "orders_paid");
            truthDays.Add($"{date}:{Field(fields, "orders_paid")}/{Field(fields, "gmv")}");
        }

        var series = await api.GetFromJsonAsync<JsonElement>($"/api/v1/shops/{shopId}/metrics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", ct);
        var ours = series.GetProperty("days").EnumerateArray().Select(d =>
        {
            var summary = d.GetProperty("summary");
            var orders = summary.GetProperty("counts").TryGetProperty("orders_paid", out var v) ? v.GetInt64() : 0;
            var gmv = summary.GetProperty("money").EnumerateArray().Sum(m => m.GetProperty("gmv").GetDecimal());
            return $"{d.GetProperty("date").GetString()}:{orders}/{(long)(gmv * 100)}";
        });
        return (string.Join(' ', ours), string.Join(' ', truthDays), paid);
    }

    /// <summary>The alerts' fingerprints and subjects, of one status or (null) all.</summary>
    public async Task<IReadOnlyList<(string Fingerprint, string? Subject)>> AlertsAsync(string? status, CancellationToken ct)
    {
        var alerts = await api.GetFromJsonAsync<JsonElement>("/api/v1/alerts" + (status is null ? "" : "?status=" + status), ct);
        return [.. alerts.GetProperty("items").EnumerateArray().Select(a => (a.GetProperty("fingerprint").GetString()!, a.GetProperty("subject").GetString()))];
    }

    /// <summary>Recorded ops errors (failed TikTok calls), summed over codes.</summary>
    public async Task<long> OpsErrorsAsync(CancellationToken ct)
    {
        var summary = await api.GetFromJsonAsync<JsonElement>("/api/v1/ops-errors/summary?by=code", ct);
        return summary.GetProperty("items").EnumerateArray().Sum(i => i.GetProperty("occurrences").GetInt64());
    }

    /// <summary>TikTok freezes a listing of the shop now; returns the product id.</summary>
    public async Task<string> FreezeListingAsync(string shopId, CancellationToken ct)
    {
        using var response = await sim.PostAsJsonAsync("/_sim/products/incident", new { shop_id = shopId, status = "FREEZE" }, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("product_id").GetString()!;
    }

    /// <summary>True when the shop's orders domain stored a window after <paramref name="since"/>.</summary>
    public async Task<bool> OrdersSyncedSinceAsync(string shopId, DateTimeOffset since, CancellationToken ct)
    {
        var shop = await api.GetFromJsonAsync<JsonElement>($"/api/v1/shops/{shopId}", ct);
        return shop.GetProperty("sync").EnumerateArray().Any(d => d.GetProperty("domain").GetString() == "orders"
            && d.GetProperty("last_success_at").ValueKind == JsonValueKind.String && d.GetProperty("last_success_at").GetDateTimeOffset() > since);
    }

    /// <summary>Asks the shop to sync now (the operator's button).</summary>
    public async Task SyncNowAsync(string shopId, CancellationToken ct)
    {
        using var response = await api.PostAsync($"/api/v1/shops/{shopId}/sync", null, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Messages a chat receiver accepted that mention <paramref name="text"/>.</summary>
    public async Task<int> ChatMessagesMentioningAsync(string receiver, string text, CancellationToken ct)
    {
        var messages = await sim.GetFromJsonAsync<JsonElement>($"/_sim/chat/{receiver}/messages", ct);
        return messages.GetProperty("messages").EnumerateArray().Count(m => m.GetProperty("body").GetString()!.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>
    /// Where an alert about <paramref name="text"/> stopped, for a failure message: the shop's alerts, the tenant's groups
    /// and outbox, the shop's sync report and what the receiver holds (each call's failure is reported, not thrown).
    /// </summary>
    public async Task<string> AlertTrailAsync(string shopId, string receiver, string text, CancellationToken ct)
    {
        var parts = new List<string>();
        foreach (var (name, client, path) in new[]
        {
            ("alerts of the shop", api, $"/api/v1/alerts?shop_id={shopId}"),
            ("outbox", api, "/api/v1/alerts/outbox"),
            ("shop", api, $"/api/v1/shops/{shopId}"),
            ("receiver", sim, $"/_sim/chat/{receiver}/messages"),
        })
        {
            try
            {
                var body = await client.GetStringAsync(path, ct);
                parts.Add($"{name} ({path}): {(body.Length > 6_000 ? body[..6_000] + " …" : body)}");
            }
            catch (HttpRequestException ex)
            {
                parts.Add($"{name} ({path}): {ex.Message}");
            }
        }

        return $"where the alert about {text} stopped:\n" + string.Join("\n", parts);
    }

    /// <summary>The dashboard's sign-in page: status and body.</summary>
    public async Task<(int Status, string Body)> DashboardSignInPageAsync(CancellationToken ct)
    {
        using var response = await web.GetAsync(new Uri(signIn.DashboardUrl.PathAndQuery, UriKind.Relative), ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    public void Dispose()
    {
        api.Dispose();
        sim.Dispose();
        web.Dispose();
    }

    private static long Field(JsonElement fields, string name) =>
        fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty(name, out var v) ? v.GetInt64() : 0;
}
