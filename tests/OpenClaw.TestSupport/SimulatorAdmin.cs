using System.Net.Http.Json;
using System.Text.Json;

namespace OpenClaw.TestSupport;

/// <summary>The simulator's <c>/_sim</c> calls the sync and crash tests share (the client's base address is the simulator).</summary>
public static class SimulatorAdmin
{
    /// <summary>The simulator's shop ids.</summary>
    public static async Task<IReadOnlyList<string>> ShopIdsAsync(HttpClient simulator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var shops = await simulator.GetFromJsonAsync<JsonElement>("/_sim/shops", cancellationToken).ConfigureAwait(false);
        return [.. shops.EnumerateArray().Select(s => s.GetProperty("shop_id").GetString()!)];
    }

    /// <summary>A fresh single-use authorization code for a shop (what the consent page would give the seller).</summary>
    public static async Task<string> AuthCodeAsync(HttpClient simulator, string shopId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        using var response = await simulator.PostAsJsonAsync("/_sim/auth/code", new { shop_id = shopId }, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).GetProperty("code").GetString()!;
    }

    /// <summary>Adds a fault rule (<c>POST /_sim/faults</c>, snake_case body such as <c>new { kind = "latency", delay_ms = 300 }</c>).</summary>
    public static async Task AddFaultAsync(HttpClient simulator, object rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        using var response = await simulator.PostAsJsonAsync("/_sim/faults", rule, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /_sim/faults: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }
    }

    /// <summary>Removes every fault rule (<c>DELETE /_sim/faults</c>): the simulator answers correctly again.</summary>
    public static async Task ClearFaultsAsync(HttpClient simulator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        using var response = await simulator.DeleteAsync(new Uri("/_sim/faults", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The seller de-authorizes the app for a shop (<c>POST /_sim/auth/revoke</c>): its tokens answer 101000, its refresh 36004005.</summary>
    public static async Task RevokeAsync(HttpClient simulator, string shopId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        using var response = await simulator.PostAsJsonAsync("/_sim/auth/revoke", new { shop_id = shopId }, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Expires a shop's live access tokens now (<c>POST /_sim/auth/expire</c>): its next call answers 105002 and the client refreshes.</summary>
    public static async Task ExpireAccessAsync(HttpClient simulator, string shopId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        using var response = await simulator.PostAsJsonAsync("/_sim/auth/expire", new { shop_id = shopId }, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
