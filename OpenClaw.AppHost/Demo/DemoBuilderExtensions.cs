using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OpenClaw.AppHost.Demo;

/// <summary>The local demo: a tenant with shops, alert channels and faults, and the API resource's operator commands.</summary>
public static class DemoBuilderExtensions
{
    /// <summary>
    /// In run mode (unless <c>Demo:Enabled=false</c>), provisions the demo tenant through <paramref name="api"/> once it is
    /// healthy (<see cref="DemoProvisioner"/>) and gives the API resource the commands "Sync all shops now" and "Send
    /// test alert", which act for the demo tenant. Publishing ignores all of it: the manifests carry no demo.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDemoTenant(this IResourceBuilder<ProjectResource> api, IResourceBuilder<ProjectResource> simulator,
        IResourceBuilder<ProjectResource> dashboard, IResourceBuilder<ParameterResource> bootstrapKey, int shopCount)
    {
        ArgumentNullException.ThrowIfNull(api);
        var builder = api.ApplicationBuilder;
        if (!builder.ExecutionContext.IsRunMode || !builder.Configuration.GetValue("Demo:Enabled", true))
        {
            return api;
        }

        builder.Services.AddSingleton<DemoTenant>();
        builder.Services.AddSingleton(new DemoResources(api, simulator, dashboard, bootstrapKey, shopCount));
        builder.Services.AddHostedService<DemoProvisioner>();

        return api
            .WithCommand("sync-all-shops", "Sync all shops now", context => ForDemoTenantAsync(context, simulator, async (client, key, ct) =>
            {
                var shops = await client.ShopIdsAsync(key, ct).ConfigureAwait(false);
                foreach (var shop in shops)
                {
                    await client.SyncNowAsync(key, shop, ct).ConfigureAwait(false);
                }

                return $"{shops.Count} shops of {DemoTenant.TenantId} asked to sync";
            }), new CommandOptions { IconName = "ArrowSync", Description = "POST /api/v1/shops/{id}/sync for every shop of the demo tenant", UpdateState = WhenHealthy })
            .WithCommand("send-test-alert", "Send test alert", context => ForDemoTenantAsync(context, simulator, async (client, key, ct) =>
            {
                var outcomes = new List<string>();
                foreach (var channel in DemoTenant.Channels)
                {
                    outcomes.Add($"{channel.ChannelId}: {await client.TestChannelAsync(key, channel.ChannelId, ct).ConfigureAwait(false)}");
                }

                return string.Join(", ", outcomes);
            }), new CommandOptions { IconName = "Alert", Description = "A test message to each of the demo tenant's channels (the simulator's chat receivers)", UpdateState = WhenHealthy });
    }

    private static ResourceCommandState WhenHealthy(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;

    // Runs a command with the demo tenant's key; the answer is shown as the command's notification.
    private static async Task<ExecuteCommandResult> ForDemoTenantAsync(ExecuteCommandContext context, IResourceBuilder<ProjectResource> simulator,
        Func<DemoApiClient, string, CancellationToken, Task<string>> action)
    {
        var tenant = context.Services.GetRequiredService<DemoTenant>();
        if (!tenant.SignIn.IsCompletedSuccessfully)
        {
            return CommandResults.Failure("The demo tenant is not provisioned (yet); see the AppHost's console.");
        }

        var signIn = tenant.SignIn.Result;
        try
        {
            using var client = new DemoApiClient(signIn.ApiUrl, new Uri(simulator.GetEndpoint("http").Url));
            var message = await action(client, signIn.ApiKey, context.CancellationToken).ConfigureAwait(false);
            return new ExecuteCommandResult { Success = true, Message = message };
        }
        catch (HttpRequestException ex)
        {
            return CommandResults.Failure(ex.Message);
        }
    }
}
