namespace OpenClaw.AppHost.Extensions;

/// <summary>The local demo's shop grains (src/OpenClaw.Silo/Demo).</summary>
public static class DemoShopExtensions
{
    /// <summary>
    /// Lets the silo connect the demo shops when it starts, in run mode only: the generated Kubernetes manifests
    /// never carry it. The shops give the local dashboard grain calls, reminders and Orleans metrics to show until
    /// the agency API connects real shops.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDemoShops(this IResourceBuilder<ProjectResource> silo, int shopCount)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return silo.WithEnvironment(context =>
        {
            if (context.ExecutionContext.IsRunMode)
            {
                context.EnvironmentVariables["Demo__Enabled"] = "true";
                context.EnvironmentVariables["Demo__ShopCount"] = shopCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        });
    }
}
