using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpenClaw.AppHost.Demo;

/// <summary>The resources the demo provisioning talks to.</summary>
/// <param name="Api">The agency API.</param>
/// <param name="Simulator">The TikTok Shop simulator (consent page, chat receivers, faults).</param>
/// <param name="Dashboard">The operator dashboard (its address is printed).</param>
/// <param name="BootstrapKey">The API's bootstrap admin key (creates the tenant and its key).</param>
/// <param name="ShopCount">How many of the simulator's shops the demo tenant connects.</param>
internal sealed record DemoResources(
    IResourceBuilder<ProjectResource> Api, IResourceBuilder<ProjectResource> Simulator, IResourceBuilder<ProjectResource> Dashboard,
    IResourceBuilder<ParameterResource> BootstrapKey, int ShopCount);

/// <summary>
/// Provisions the local demo once the API is healthy, through the API as an agency would: the tenant (bootstrap key),
/// a key to sign in with, alert channels at the simulator's chat receivers (alerts grouped per shop), and the shops connected one by one through
/// the real OAuth flow (consent link → the simulator's consent page → the API's callback). Then it gives one shop a
/// fault profile (ops errors) and freezes a listing of another (a policy violation alert). Idempotent across restarts:
/// the tenant and channels are kept, the previous demo key is revoked, shops get fresh tokens (the simulator forgets
/// its tokens when it stops). Finally it prints where to sign in.
/// </summary>
internal sealed partial class DemoProvisioner(
    DemoResources resources, DemoTenant tenant, ResourceNotificationService notifications, IConfiguration configuration,
    ILogger<DemoProvisioner> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(3);
    private const int Attempts = 40;

    // The shop grain's sync windows end 15 s before now (SyncOptions.Settle) so late writes at TikTok are not missed.
    private static readonly TimeSpan SyncSettle = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await notifications.WaitForResourceHealthyAsync(resources.Api.Resource.Name, stoppingToken).ConfigureAwait(false);
            await notifications.WaitForResourceHealthyAsync(resources.Simulator.Resource.Name, stoppingToken).ConfigureAwait(false);
            var bootstrapKey = await resources.BootstrapKey.Resource.GetValueAsync(stoppingToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The API's bootstrap key has no value.");
            using var client = new DemoApiClient(Url(resources.Api), Url(resources.Simulator));
            var signIn = await RetryAsync(ct => ProvisionAsync(client, bootstrapKey, ct), stoppingToken).ConfigureAwait(false);
            tenant.Provisioned(signIn);
            var aspire = AspireDashboardUrl() ?? "(see the login link above)";
            var scalar = new Uri(signIn.ApiUrl, "/scalar");
            LogReady(signIn.DashboardUrl, signIn.ApiKey, DemoTenant.TenantId, aspire, scalar);

            var shops = await client.SimulatorShopsAsync(stoppingToken).ConfigureAwait(false);
            if (shops.Count > DemoTenant.ViolationShopIndex)
            {
                var shop = shops[DemoTenant.ViolationShopIndex];
                var product = await RaisePolicyViolationAsync(client, signIn.ApiKey, shop, stoppingToken).ConfigureAwait(false);
                LogViolation(product, shop);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            tenant.Failed(new OperationCanceledException(stoppingToken));
        }
        catch (Exception ex)
        {
            // The rest of the product runs on; the operator can still create a tenant by hand (docs/api.md).
            tenant.Failed(ex);
            LogFailed(ex);
        }
    }

    private async Task<DemoSignIn> ProvisionAsync(DemoApiClient client, string bootstrapKey, CancellationToken ct)
    {
        await client.EnsureTenantAsync(bootstrapKey, DemoTenant.TenantId, "Demo agency", ct).ConfigureAwait(false);
        var key = await client.ReissueKeyAsync(bootstrapKey, DemoTenant.TenantId, DemoTenant.KeyName, ct).ConfigureAwait(false);
        foreach (var channel in DemoTenant.Channels)
        {
            await client.PutChannelAsync(key, channel, DemoTenant.ChatSecret, ct).ConfigureAwait(false);
        }

        await client.GroupAlertsPerShopAsync(key, ct).ConfigureAwait(false);

        var shops = (await client.SimulatorShopsAsync(ct).ConfigureAwait(false)).Take(resources.ShopCount).ToList();
        var connected = 0;
        foreach (var shop in shops)
        {
            connected += (await client.ConnectThroughConsentAsync(key, shop, ct).ConfigureAwait(false)).Count;
        }

        LogConnected(connected, DemoTenant.TenantId);

        if (shops.Count > DemoTenant.FaultyShopIndex)
        {
            // A third of this shop's TikTok calls fail with TikTok's internal error: retried, recorded as ops errors.
            var faulty = shops[DemoTenant.FaultyShopIndex];
            await client.AddFaultAsync(new { kind = "error", code = 36009003, probability = 0.35, shop_id = faulty }, ct).ConfigureAwait(false);
            LogFaulty(faulty);
        }

        return new DemoSignIn(new Uri(Url(resources.Dashboard), "/signin"), client.Api, key);
    }

    /// <summary>
    /// Freezes a listing of one demo shop (a policy violation), then asks the shop to sync once the change is older
    /// than the sync's settle time, so the alert fires even when the simulator's webhook for it is not seen.
    /// </summary>
    public static async Task<string> RaisePolicyViolationAsync(DemoApiClient client, string key, string shopId, CancellationToken ct)
    {
        var product = await client.FreezeListingAsync(shopId, ct).ConfigureAwait(false);
        await Task.Delay(SyncSettle, ct).ConfigureAwait(false);
        await client.SyncNowAsync(key, shopId, ct).ConfigureAwait(false);
        return product;
    }

    private async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested && attempt < Attempts)
            {
                // The API answers /health before its Orleans client has a gateway on a loaded machine; try again.
                LogRetrying(attempt, ex.Message);
                await Task.Delay(RetryDelay, ct).ConfigureAwait(false);
            }
        }
    }

    private static Uri Url(IResourceBuilder<ProjectResource> resource) => new(resource.GetEndpoint("http").Url);

    private string? AspireDashboardUrl() =>
        configuration["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo tenant {TenantId}: {Count} shops connected through the OAuth consent flow")]
    private partial void LogConnected(int count, string tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: shop {ShopId} has a fault profile in the simulator (ops errors)")]
    private partial void LogFaulty(string shopId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: TikTok froze listing {ProductId} of shop {ShopId} (a policy violation alert goes to the chat receivers)")]
    private partial void LogViolation(string productId, string shopId);

    [LoggerMessage(Level = LogLevel.Information, Message = """

        ==== OpenClaw demo is ready ====
          Operator dashboard : {DashboardUrl}
          Demo sign-in key   : {ApiKey}   (tenant {TenantId}; local demo only, replaced at every start)
          Aspire dashboard   : {AspireUrl}
          API reference      : {ScalarUrl}
        """)]
    private partial void LogReady(Uri dashboardUrl, string apiKey, string tenantId, string aspireUrl, Uri scalarUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo provisioning: attempt {Attempt} failed ({Reason}); retrying")]
    private partial void LogRetrying(int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo provisioning failed; the product runs without the demo tenant")]
    private partial void LogFailed(Exception exception);
}
