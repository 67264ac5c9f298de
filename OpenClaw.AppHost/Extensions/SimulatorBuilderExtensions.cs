using System.Globalization;
using OpenClaw.AppHost.Kubernetes;

namespace OpenClaw.AppHost.Extensions;

/// <summary>The local TikTok Shop API (<c>src/OpenClaw.TikTokShop.Simulator</c>, see docs/simulator.md) and the silo's link to it.</summary>
public static class SimulatorBuilderExtensions
{
    /// <summary>Demo shops the simulator generates (seeded, so the same shops and orders every run).</summary>
    public const int DemoShopCount = 12;

    /// <summary>The demo app's daily call quota in the simulator (the customer's basic tier).</summary>
    public const int DemoDailyQuota = 50_000;

    /// <summary>
    /// Adds the simulator with its demo shops (activity from dormant to busy), an http endpoint and a health check. Its
    /// clock starts at the AppHost's start and runs in real time, so the silos' real clock and the simulator's data
    /// agree (30 days of history lie behind it); the app credentials are the AppHost's parameters.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddTikTokSimulator(this IDistributedApplicationBuilder builder, [ResourceName] string name,
        IResourceBuilder<ParameterResource> appKey, IResourceBuilder<ParameterResource> appSecret)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var clockStart = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return builder.AddProject<Projects.OpenClaw_TikTokShop_Simulator>(name)
            // The project has no launchSettings.json: without an endpoint it would listen on :5000.
            .WithHttpEndpoint()
            .WithEnvironment("Simulator__ShopCount", DemoShopCount.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Simulator__ActivitySpread", "Varied")
            .WithEnvironment("Simulator__RateLimit__DailyQuota", DemoDailyQuota.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Simulator__AppKey", appKey)
            .WithEnvironment("Simulator__AppSecret", appSecret)
            .WithEnvironment(context =>
            {
                // Run mode only: a start time in the manifests would change on every publish.
                if (context.ExecutionContext.IsRunMode)
                {
                    context.EnvironmentVariables["Simulator__ClockStart"] = clockStart.ToString("O", CultureInfo.InvariantCulture);
                }
            })
            .WithHttpHealthCheck(ServiceResourceExtensions.HealthPath)
            .WithKubernetesProbes()
            .WithAnnotation(new DemoOnlyAnnotation("a fake TikTok Shop API for demos; production talks to TikTok"));
    }

    /// <summary>
    /// In run mode, hangs the simulator's generated data from the first start over <paramref name="store"/>'s data folder
    /// (<see cref="SimulatorWorld"/>): the clock still starts now, but the orders and products are those the store
    /// synced before. A store given as a connection string has no folder here: its world hangs from each start.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithWorldOf(this IResourceBuilder<ProjectResource> simulator, IResourceBuilder<IResourceWithConnectionString> store)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(store);
        return store.Resource is not Store.RedisProtocolServerResource local
            ? simulator
            : simulator.WithEnvironment(context =>
            {
                if (context.ExecutionContext.IsRunMode)
                {
                    var start = SimulatorWorld.StartIn(local.DataPath, DateTimeOffset.UtcNow);
                    context.EnvironmentVariables["Simulator__WorldStart"] = start.ToString("O", CultureInfo.InvariantCulture);
                }
            });
    }

    /// <summary>
    /// In run mode, makes the simulator's consent page send the seller back to <paramref name="api"/>'s OAuth callback
    /// (<c>/api/v1/oauth/callback</c>); published manifests leave it alone (TikTok's partner center holds the real one).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOAuthCallback(this IResourceBuilder<ProjectResource> simulator, IResourceBuilder<ProjectResource> api) =>
        simulator.WithApiAddress("Simulator__RedirectUrl", api, "/api/v1/oauth/callback");

    /// <summary>
    /// In run mode, makes the simulator send every shop's webhooks to <paramref name="api"/>'s ingress
    /// (<c>/webhooks/tiktok</c>, signed with the app secret); published manifests leave it alone (TikTok's partner center
    /// holds the real subscription). The simulator does not wait for the API: deliveries that fail are retried.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithWebhooksTo(this IResourceBuilder<ProjectResource> simulator, IResourceBuilder<ProjectResource> api) =>
        simulator.WithApiAddress("Simulator__WebhookUrl", api, "/webhooks/tiktok");

    // Run mode only: sets a simulator variable to a path on the API's http endpoint.
    private static IResourceBuilder<ProjectResource> WithApiAddress(this IResourceBuilder<ProjectResource> simulator, string variable,
        IResourceBuilder<ProjectResource> api, string path)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(api);
        var endpoint = api.GetEndpoint("http");
        return simulator.WithEnvironment(context =>
        {
            if (context.ExecutionContext.IsRunMode)
            {
                context.EnvironmentVariables[variable] = ReferenceExpression.Create($"{endpoint}{path}");
            }
        });
    }

    /// <summary>
    /// Gives a service the TikTok app (key, secret, service id) and, in run mode, the simulator's URL as API, auth and
    /// consent hosts. Published manifests keep TikTok's real hosts (the client's defaults) and take the secret from the
    /// cluster's Secret.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTikTokShop(this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> simulator,
        IResourceBuilder<ParameterResource> appKey, IResourceBuilder<ParameterResource> appSecret, IResourceBuilder<ParameterResource> serviceId)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(simulator);
        var endpoint = simulator.GetEndpoint("http");
        service.WithEnvironment("TikTokShop__AppKey", appKey)
            .WithEnvironment("TikTokShop__AppSecret", appSecret)
            .WithEnvironment("TikTokShop__ServiceId", serviceId)
            .WithEnvironment(context =>
            {
                if (context.ExecutionContext.IsRunMode)
                {
                    context.EnvironmentVariables["TikTokShop__ApiBaseUrl"] = endpoint;
                    context.EnvironmentVariables["TikTokShop__AuthBaseUrl"] = endpoint;
                    context.EnvironmentVariables["TikTokShop__AuthorizeBaseUrl"] = endpoint;
                }
            });
        return service.WaitFor(simulator);
    }
}
