namespace OpenClaw.AppHost.Extensions;

/// <summary>Alert delivery settings of the local demo (src/OpenClaw.Grains/Notifications, docs/alerts.md).</summary>
public static class AlertDeliveryExtensions
{
    /// <summary>
    /// In run mode only (the manifests never carry it): allows http and loopback channel targets, so channels can
    /// point at the simulator's chat receivers (<c>/_sim/chat/…</c>), and links messages to <paramref name="links"/>'s
    /// http endpoint (the API until the operator dashboard exists).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLocalAlertDelivery(this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> links)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(links);
        var endpoint = links.GetEndpoint("http");
        return service.WithEnvironment(context =>
        {
            if (context.ExecutionContext.IsRunMode)
            {
                context.EnvironmentVariables["Notifications__AllowPrivateTargets"] = "true";
                context.EnvironmentVariables["Notifications__DashboardBaseUrl"] = ReferenceExpression.Create($"{endpoint}/");
            }
        });
    }
}
