using Microsoft.Extensions.Configuration;

namespace OpenClaw.AppHost.Extensions;

/// <summary>The operator dashboard's header links to the cluster views that already exist (it does not rebuild them).</summary>
public static class DashboardLinkExtensions
{
    /// <summary>
    /// In run mode, points the dashboard at the Orleans dashboard on the silos (<c>/dashboard</c>) and at this AppHost's
    /// Aspire dashboard. Published manifests carry neither: in a cluster those views are reached through its own ingress,
    /// set as <c>Dashboard__OrleansDashboardUrl</c> and <c>Dashboard__AspireDashboardUrl</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithClusterLinks(
        this IResourceBuilder<ProjectResource> dashboard, IResourceBuilder<ProjectResource> silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var siloHttp = silo.GetEndpoint("http");
        var aspire = configuration["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return dashboard.WithEnvironment(context =>
        {
            if (context.ExecutionContext.IsRunMode)
            {
                context.EnvironmentVariables["Dashboard__OrleansDashboardUrl"] = ReferenceExpression.Create($"{siloHttp}/dashboard");
                if (aspire is not null)
                {
                    context.EnvironmentVariables["Dashboard__AspireDashboardUrl"] = aspire;
                }
            }
        });
    }
}
