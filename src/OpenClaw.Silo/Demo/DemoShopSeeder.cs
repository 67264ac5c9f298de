using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenClaw.Grains.Tenants;
using OpenClaw.TikTokShop.Configuration;

namespace OpenClaw.Silo.Demo;

/// <summary>
/// Onboards the simulator's demo shops once the silo has started (see <see cref="DemoShopOptions"/>), the way a seller
/// would: an authorization code per shop (the simulator's consent shortcut <c>POST /_sim/auth/code</c>), exchanged by
/// the tenant grain for tokens, which lists the authorized shops and connects each. Runs as a hosted service registered
/// after Orleans', so the silo is active; retries while the simulator starts; a failure is logged and never stops the
/// silo. The simulator keeps tokens in memory, so every start onboards again (new tokens replace the stale ones).
/// </summary>
internal sealed partial class DemoShopSeeder(
    IGrainFactory grains, IHttpClientFactory http, IOptions<TikTokShopOptions> tiktok, IOptions<DemoShopOptions> options,
    ILogger<DemoShopSeeder> logger) : BackgroundService
{
    /// <summary>The activity source of the seeding span (covered by ServiceDefaults' <c>OpenClaw.*</c>).</summary>
    public static readonly ActivitySource Source = new("OpenClaw.Demo");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var client = http.CreateClient(nameof(DemoShopSeeder));
        client.BaseAddress = new Uri(tiktok.Value.ApiBaseUrl);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            using var activity = Source.StartActivity("onboard demo shops");
            try
            {
                var shops = await client.GetFromJsonAsync<JsonElement>("/_sim/shops", stoppingToken);
                var tenant = grains.GetGrain<ITenantGrain>(settings.TenantId);
                var connected = 0;
                foreach (var shop in shops.EnumerateArray().Take(settings.ShopCount))
                {
                    using var response = await client.PostAsJsonAsync("/_sim/auth/code", new { shop_id = shop.GetProperty("shop_id").GetString() }, stoppingToken);
                    response.EnsureSuccessStatusCode();
                    var code = (await response.Content.ReadFromJsonAsync<JsonElement>(stoppingToken)).GetProperty("code").GetString()!;
                    connected += (await tenant.ConnectWithAuthCodeAsync(code).WaitAsync(stoppingToken)).Count;
                }

                LogSeeded(connected, settings.TenantId);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < 30)
            {
                activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                LogRetrying(attempt, ex);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                LogFailed(ex);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Onboarded {Count} demo shops for tenant {TenantId} through the authorization-code exchange")]
    private partial void LogSeeded(int count, string tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Onboarding the demo shops failed (attempt {Attempt}); retrying")]
    private partial void LogRetrying(int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Onboarding the demo shops failed")]
    private partial void LogFailed(Exception exception);
}
