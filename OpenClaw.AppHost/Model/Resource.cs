namespace OpenClaw.AppHost.Model;

/// <summary>What a resource is, which decides how it is started locally and how it is deployed.</summary>
public enum ResourceKind
{
    /// <summary>A Redis-protocol store: Garnet locally, a Redis StatefulSet in Kubernetes.</summary>
    Redis,

    /// <summary>A .NET project of this repository.</summary>
    Project,
}

/// <summary>One thing the AppHost runs: its name, kind, port, environment and what it depends on.</summary>
public sealed class Resource(string name, ResourceKind kind, int port)
{
    /// <summary>Resource name; also the Kubernetes service name and the OTEL service name.</summary>
    public string Name { get; } = name;

    /// <summary>Kind of resource.</summary>
    public ResourceKind Kind { get; } = kind;

    /// <summary>Port it listens on locally (loopback).</summary>
    public int Port { get; } = port;

    /// <summary>Project folder relative to the repository root (projects only).</summary>
    public string? ProjectPath { get; init; }

    /// <summary>Environment given to the process, before references are resolved.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Resources whose connection details this one receives.</summary>
    public List<Resource> References { get; } = [];

    /// <summary>Kubernetes replicas.</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>Path polled until the process is ready.</summary>
    public string HealthPath { get; set; } = "/alive";

    /// <summary>Project assembly name (the csproj's file name).</summary>
    public string AssemblyName => Path.GetFileName(ProjectPath ?? Name);
}
