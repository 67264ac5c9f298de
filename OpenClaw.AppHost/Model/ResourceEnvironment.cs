namespace OpenClaw.AppHost.Model;

/// <summary>
/// The environment a resource's process receives, with the keys Aspire would inject, so the services read the
/// same configuration whether this AppHost, Aspire or Kubernetes starts them.
/// </summary>
public static class ResourceEnvironment
{
    /// <summary>Resolves <paramref name="resource"/>'s environment; <paramref name="endpointOf"/> gives a reference's host:port.</summary>
    public static IReadOnlyDictionary<string, string> For(Resource resource, Func<Resource, string> endpointOf, IReadOnlyDictionary<string, string>? inherited = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(endpointOf);
        var env = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["OTEL_SERVICE_NAME"] = resource.Name,
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        };
        foreach (var (key, value) in inherited ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        foreach (var reference in resource.References)
        {
            switch (reference.Kind)
            {
                case ResourceKind.Redis:
                    env[$"ConnectionStrings__{reference.Name}"] = endpointOf(reference);
                    break;
                case ResourceKind.Project:
                    env[$"services__{reference.Name}__http__0"] = "http://" + endpointOf(reference);
                    break;
            }
        }

        foreach (var (key, value) in resource.Environment)
        {
            env[key] = value;
        }

        return env;
    }
}
