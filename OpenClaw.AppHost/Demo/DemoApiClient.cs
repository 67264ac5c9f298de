using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenClaw.AppHost.Demo;

/// <summary>
/// The calls the local demo makes, as an agency and a seller would: the API with a key, the simulator's consent page
/// with a browser's form post, and the simulator's admin endpoints (<c>/_sim</c>) for the demo's faults. Redirects are
/// followed by hand so the consent answer visibly goes to the API's callback.
/// </summary>
internal sealed class DemoApiClient(Uri api, Uri simulator) : IDisposable
{
    private static readonly string[] DemoScopes = ["read", "write", "admin"];

    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public Uri Api => api;

    public Uri Simulator => simulator;

    /// <summary>Creates the tenant with the bootstrap key; an existing tenant (a restart) is fine.</summary>
    public async Task EnsureTenantAsync(string bootstrapKey, string tenantId, string name, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/tenants", bootstrapKey, new { tenant_id = tenantId, name }, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Revokes earlier keys named <paramref name="keyName"/> and issues a new one (the API shows a key only once).</summary>
    public async Task<string> ReissueKeyAsync(string bootstrapKey, string tenantId, string keyName, CancellationToken ct)
    {
        var keys = await GetJsonAsync($"/api/v1/tenants/{tenantId}/keys", bootstrapKey, ct).ConfigureAwait(false);
        foreach (var key in keys.EnumerateArray())
        {
            if (key.GetProperty("name").GetString() == keyName && key.GetProperty("revoked_at").ValueKind == JsonValueKind.Null)
            {
                using var revoked = await SendAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenantId}/keys/{key.GetProperty("key_id").GetString()}", bootstrapKey, null, ct).ConfigureAwait(false);
                await EnsureSuccessAsync(revoked, ct).ConfigureAwait(false);
            }
        }

        using var response = await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenantId}/keys", bootstrapKey, new { name = keyName, scopes = DemoScopes }, ct).ConfigureAwait(false);
        return (await ReadJsonAsync(response, ct).ConfigureAwait(false)).GetProperty("key").GetString()!;
    }

    /// <summary>Creates or replaces a channel pointing at the simulator's chat receiver.</summary>
    public async Task PutChannelAsync(string key, DemoChannel channel, string secret, CancellationToken ct)
    {
        var name = $"Demo {channel.Receiver} (simulator)";
        object body;
        if (channel.Path is { } path)
        {
            body = new { kind = channel.Kind, name, url = new Uri(simulator, path), secret };
        }
        else
        {
            // E-mail: the simulator's SMTP sink listens on a port it picked; plain SMTP on loopback, no login.
            var smtp = await GetJsonAsync(new Uri(simulator, "/_sim/chat/email/smtp").ToString(), null, ct).ConfigureAwait(false);
            var email = new
            {
                host = smtp.GetProperty("host").GetString(),
                port = smtp.GetProperty("port").GetInt32(),
                security = "none",
                from = "alerts@openclaw.local",
                to = new[] { "operators@demo-agency.local" },
            };
            body = new { kind = channel.Kind, name, email };
        }

        using var response = await SendAsync(HttpMethod.Put, $"/api/v1/channels/{channel.ChannelId}", key, body, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Groups the tenant's alerts per shop as well as per rule, with a 10 s group wait: under the default grouping
    /// (tenant and rule) a second shop's violation joins the group that already spoke and waits its 5-minute group
    /// interval, and the demo should show every shop's alert within seconds. Keeps the rest of the current routing
    /// (the default inhibition and channels on the first start).
    /// </summary>
    public async Task GroupAlertsPerShopAsync(string key, CancellationToken ct)
    {
        var routing = JsonNode.Parse((await GetJsonAsync("/api/v1/alerts/routing", key, ct).ConfigureAwait(false)).GetRawText())!.AsObject();
        routing.Remove("is_default");
        foreach (var route in routing["routes"]?.AsArray() ?? [])
        {
            route!["group_by"] = new JsonArray("tenant", "rule", "shop");
            route["group_wait_seconds"] = 10;
        }

        using var response = await SendAsync(HttpMethod.Put, "/api/v1/alerts/routing", key, routing, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>The simulator's shop ids, in its order.</summary>
    public async Task<IReadOnlyList<string>> SimulatorShopsAsync(CancellationToken ct)
    {
        var shops = await GetJsonAsync(new Uri(simulator, "/_sim/shops").ToString(), null, ct).ConfigureAwait(false);
        return [.. shops.EnumerateArray().Select(s => s.GetProperty("shop_id").GetString()!)];
    }

    /// <summary>
    /// Connects one shop through the OAuth flow: the API's consent link (signed state), the seller approving the shop
    /// on the simulator's consent page, and the API's callback exchanging the code. Returns the connected shop ids.
    /// </summary>
    public async Task<IReadOnlyList<string>> ConnectThroughConsentAsync(string key, string shopId, CancellationToken ct)
    {
        var link = await GetJsonAsync("/api/v1/shops/authorize", key, ct).ConfigureAwait(false);
        var consent = new Uri(link.GetProperty("consent_url").GetString()!);
        var query = System.Web.HttpUtility.ParseQueryString(consent.Query);

        // The page the seller would see, then their decision.
        using (var page = await http.GetAsync(consent, ct).ConfigureAwait(false))
        {
            await EnsureSuccessAsync(page, ct).ConfigureAwait(false);
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["service_id"] = query["service_id"] ?? "",
            ["state"] = query["state"] ?? "",
            ["shop_id"] = shopId,
            ["decision"] = "approve",
        });
        using var decision = await http.PostAsync(new Uri(consent.GetLeftPart(UriPartial.Path)), form, ct).ConfigureAwait(false);
        var callback = decision.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && decision.Headers.Location is { } location
            ? location
            : throw new InvalidOperationException($"The consent page answered {(int)decision.StatusCode} instead of redirecting to the callback.");

        using var exchanged = await http.GetAsync(callback, ct).ConfigureAwait(false);
        var connected = await ReadJsonAsync(exchanged, ct).ConfigureAwait(false);
        return [.. connected.GetProperty("shops").EnumerateArray().Select(s => s.GetProperty("shop_id").GetString()!)];
    }

    /// <summary>Adds a fault rule to the simulator (its faults live in memory: every start adds them again).</summary>
    public async Task AddFaultAsync(object rule, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(new Uri(simulator, "/_sim/faults"), rule, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>Makes TikTok freeze a listing of the shop now (a policy violation); returns the product id.</summary>
    public async Task<string> FreezeListingAsync(string shopId, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(new Uri(simulator, "/_sim/products/incident"), new { shop_id = shopId, status = "FREEZE" }, ct).ConfigureAwait(false);
        return (await ReadJsonAsync(response, ct).ConfigureAwait(false)).GetProperty("product_id").GetString()!;
    }

    /// <summary>The tenant's shop ids (first page of up to 200).</summary>
    public async Task<IReadOnlyList<string>> ShopIdsAsync(string key, CancellationToken ct)
    {
        var page = await GetJsonAsync("/api/v1/shops?limit=200", key, ct).ConfigureAwait(false);
        return [.. page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("shop_id").GetString()!)];
    }

    /// <summary>Asks a shop to sync now.</summary>
    public async Task SyncNowAsync(string key, string shopId, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/v1/shops/{shopId}/sync", key, null, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>Sends a channel's test message; returns the API's outcome (<c>delivered</c>, <c>rate_limited</c>, <c>failed</c>).</summary>
    public async Task<string> TestChannelAsync(string key, string channelId, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/v1/channels/{channelId}/test", key, null, ct).ConfigureAwait(false);
        return (await ReadJsonAsync(response, ct).ConfigureAwait(false)).GetProperty("outcome").GetString()!;
    }

    public void Dispose() => http.Dispose();

    private async Task<JsonElement> GetJsonAsync(string pathOrUrl, string? key, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, pathOrUrl, key, null, ct).ConfigureAwait(false);
        return await ReadJsonAsync(response, ct).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathOrUrl, string? key, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(api, pathOrUrl));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request, ct).ConfigureAwait(false);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false);
    }

    // The problem details say what went wrong; they never carry a key.
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {(detail.Length > 300 ? detail[..300] : detail)}",
                null, response.StatusCode);
        }
    }
}
