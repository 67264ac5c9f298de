using OpenClaw.AppHost.Kubernetes;

namespace OpenClaw.AppHost.Extensions;

/// <summary>The local TikTok Shop API (<c>src/OpenClaw.TikTokShop.Simulator</c>, see docs/simulator.md).</summary>
public static class SimulatorBuilderExtensions
{
    /// <summary>Demo shops the simulator generates (seeded, so the same shops and orders every run).</summary>
    public const int DemoShopCount = 12;

    /// <summary>Simulated seconds per real second: an hour of orders per real minute keeps the demo lively.</summary>
    public const int DemoClockSpeed = 60;

    /// <summary>Adds the simulator with its demo shops, an http endpoint and a health check.</summary>
    public static IResourceBuilder<ProjectResource> AddTikTokSimulator(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddProject<Projects.OpenClaw_TikTokShop_Simulator>(name)
            // The project has no launchSettings.json: without an endpoint it would listen on :5000.
            .WithHttpEndpoint()
            .WithEnvironment("Simulator__ShopCount", DemoShopCount.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Simulator__ClockSpeed", DemoClockSpeed.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithHttpHealthCheck(ServiceResourceExtensions.HealthPath)
            .WithKubernetesProbes()
            .WithAnnotation(new DemoOnlyAnnotation("a fake TikTok Shop API for demos; production talks to TikTok"));
    }
}
