namespace OpenClaw.AppHost.Model;

/// <summary>Fluent configuration of one resource, named like Aspire's so the model reads the same.</summary>
public sealed class ResourceBuilder(Resource resource)
{
    /// <summary>The resource being configured.</summary>
    public Resource Resource { get; } = resource;

    /// <summary>Sets an environment variable for the process.</summary>
    public ResourceBuilder WithEnvironment(string key, string value)
    {
        Resource.Environment[key] = value;
        return this;
    }

    /// <summary>Gives this resource the connection details of <paramref name="other"/> (and starts it first).</summary>
    public ResourceBuilder WithReference(ResourceBuilder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Resource.References.Add(other.Resource);
        return this;
    }

    /// <summary>Number of replicas in Kubernetes (locally one process runs).</summary>
    public ResourceBuilder WithReplicas(int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        Resource.Replicas = replicas;
        return this;
    }

    /// <summary>Path polled until the process answers, and used for the Kubernetes probes.</summary>
    public ResourceBuilder WithHealthPath(string path)
    {
        Resource.HealthPath = path;
        return this;
    }
}
