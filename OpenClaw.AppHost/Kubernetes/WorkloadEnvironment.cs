using System.Globalization;
using k8s.Models;
using OpenClaw.AppHost.Store;

namespace OpenClaw.AppHost.Kubernetes;

/// <summary>
/// A resource's environment as Kubernetes gets it: plain settings for its ConfigMap, and variables that must stay in
/// the pod spec (Secret references, downward-API fields and values composed from them with <c>$(VAR)</c>).
/// </summary>
public sealed class WorkloadEnvironment
{
    /// <summary>Non-secret settings (ConfigMap data), sorted so regenerated files do not churn.</summary>
    public SortedDictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Variables in the pod spec, in dependency order (a <c>$(VAR)</c> only refers to one listed before it).</summary>
    public List<V1EnvVar> Variables { get; } = [];

    /// <summary>
    /// Evaluates the resource's environment callbacks in publish mode, exactly the callbacks that feed the local
    /// process (Aspire.Hosting.Orleans' <c>Orleans__*</c>, <c>ConnectionStrings__*</c>, <c>HTTP_PORTS</c>, our own
    /// <c>WithEnvironment</c>), then adds what only a cluster needs: pod identity for silos and OTLP export to the
    /// standalone dashboard.
    /// </summary>
    public static async Task<WorkloadEnvironment> CreateAsync(IResource resource, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var environment = new WorkloadEnvironment();
        var context = new EnvironmentCallbackContext(executionContext, resource, cancellationToken: cancellationToken);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context).ConfigureAwait(false);
        }

        var secrets = new List<V1EnvVar>();
        foreach (var (name, value) in context.EnvironmentVariables)
        {
            switch (await ResolveAsync(resource, name, value, cancellationToken).ConfigureAwait(false))
            {
                case SecretValue secret:
                    secrets.Add(KubernetesConventions.FromSecret(name, secret.Key));
                    break;
                case LiteralValue literal:
                    environment.Settings[name] = literal.Value;
                    break;
            }
        }

        var isSilo = resource is IResourceWithEndpoints withEndpoints
            && withEndpoints.Annotations.OfType<EndpointAnnotation>().Any(e => e.Name == "orleans-silo");
        environment.Variables.Add(KubernetesConventions.FromField("POD_NAME", "metadata.name"));
        environment.Variables.Add(KubernetesConventions.FromField("POD_NAMESPACE", "metadata.namespace"));
        environment.Variables.Add(KubernetesConventions.FromField("POD_IP", "status.podIP"));
        environment.Variables.AddRange(secrets.OrderBy(v => v.Name, StringComparer.Ordinal));
        if (isSilo)
        {
            // Locally a silo advertises the machine's address; in a cluster it must be the pod's own IP (the one
            // other silos and clients reach it on), and the pod name makes a readable silo name in the membership table.
            environment.Variables.Add(new V1EnvVar { Name = "Orleans__Endpoints__AdvertisedIPAddress", Value = "$(POD_IP)" });
            environment.Variables.Add(new V1EnvVar { Name = "Orleans__Name", Value = "$(POD_NAME)" });
        }

        if (resource.Annotations.OfType<OtlpExporterAnnotation>().Any())
        {
            // Aspire points OTLP at its own dashboard locally; in the cluster the standalone dashboard plays that part.
            environment.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = DashboardManifests.OtlpEndpoint;
            environment.Settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";
            environment.Settings["OTEL_SERVICE_NAME"] = resource.Name;
            environment.Variables.Add(KubernetesConventions.FromSecret("OTLP_API_KEY", KubernetesConventions.OtlpApiKeySecretKey));
            environment.Variables.Add(new V1EnvVar { Name = "OTEL_EXPORTER_OTLP_HEADERS", Value = "x-otlp-api-key=$(OTLP_API_KEY)" });
            environment.Variables.Add(new V1EnvVar { Name = "OTEL_RESOURCE_ATTRIBUTES", Value = "service.instance.id=$(POD_NAME)" });
        }

        return environment;
    }

    /// <summary>
    /// Container port of an endpoint: its target port when the model pins one, else the cluster convention (Aspire
    /// leaves these to DCP locally, so the same model runs with dynamic ports on a laptop).
    /// </summary>
    public static int ContainerPort(IResource resource, EndpointAnnotation endpoint)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.TargetPort is { } pinned)
        {
            return pinned;
        }

        if (resource is RedisProtocolServerResource)
        {
            return KubernetesConventions.RedisPort;
        }

        return KubernetesConventions.DefaultTargetPorts.TryGetValue(endpoint.Name, out var port)
            ? port
            : throw new NotSupportedException($"Endpoint '{endpoint.Name}' of '{resource.Name}' has no target port and no cluster convention; pin one with WithEndpoint(..., targetPort: N).");
    }

    private static async Task<ResolvedValue> ResolveAsync(IResource owner, string name, object? value, CancellationToken cancellationToken)
    {
        switch (value)
        {
            case null:
                return new LiteralValue(string.Empty);
            case string s:
                return new LiteralValue(s);
            case ConnectionStringReference reference:
                return new SecretValue("ConnectionStrings__" + reference.Resource.Name);
            case IResourceWithConnectionString resource:
                return new SecretValue("ConnectionStrings__" + resource.Name);
            case ParameterResource { Secret: true } parameter:
                return new SecretValue(parameter.Name);
            case ParameterResource parameter:
                return new LiteralValue(await parameter.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? string.Empty);
            case EndpointReference endpoint:
                return new LiteralValue(EndpointValue(owner, endpoint, EndpointProperty.Url));
            case EndpointReferenceExpression expression:
                return new LiteralValue(EndpointValue(owner, expression.Endpoint, expression.Property));
            case ReferenceExpression { ValueProviders.Count: 1, Format: "{0}" } single:
                return await ResolveAsync(owner, name, single.ValueProviders[0], cancellationToken).ConfigureAwait(false);
            case ReferenceExpression expression:
                var parts = new object[expression.ValueProviders.Count];
                for (var i = 0; i < parts.Length; i++)
                {
                    parts[i] = await ResolveAsync(owner, name, expression.ValueProviders[i], cancellationToken).ConfigureAwait(false) is LiteralValue literal
                        ? literal.Value
                        : throw new NotSupportedException($"'{name}' of '{owner.Name}' mixes a secret into a larger value; pass the secret as its own variable.");
                }

                return new LiteralValue(string.Format(CultureInfo.InvariantCulture, expression.Format, parts));
            default:
                throw new NotSupportedException($"'{name}' of '{owner.Name}' is a {value.GetType().Name}, which the Kubernetes manifests do not translate yet.");
        }
    }

    // In the cluster a resource is reached through its Service (named after it) on its container port.
    private static string EndpointValue(IResource owner, EndpointReference endpoint, EndpointProperty property)
    {
        var annotation = endpoint.Resource.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == endpoint.EndpointName);
        var port = ContainerPort(endpoint.Resource, annotation).ToString(CultureInfo.InvariantCulture);
        var host = endpoint.Resource == owner ? "localhost" : endpoint.Resource.Name;
        return property switch
        {
            EndpointProperty.Port or EndpointProperty.TargetPort => port,
            EndpointProperty.Host or EndpointProperty.IPV4Host => host,
            EndpointProperty.HostAndPort => $"{host}:{port}",
            EndpointProperty.Scheme => annotation.UriScheme,
            _ => $"{annotation.UriScheme}://{host}:{port}",
        };
    }

    private abstract record ResolvedValue;

    private sealed record LiteralValue(string Value) : ResolvedValue;

    private sealed record SecretValue(string Key) : ResolvedValue;
}
