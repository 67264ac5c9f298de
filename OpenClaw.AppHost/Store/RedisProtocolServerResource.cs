namespace OpenClaw.AppHost.Store;

/// <summary>Which Redis-protocol server the AppHost runs locally.</summary>
public enum RedisProtocolServerKind
{
    /// <summary>Microsoft Garnet from the repository's local tool manifest (<c>dotnet tool run garnet-server</c>); the default.</summary>
    Garnet,

    /// <summary>Debian's <c>redis-server</c> (<c>apt-get install redis-server</c>); chosen with <c>Store:Kind=redis</c>.</summary>
    Redis,
}

/// <summary>
/// A Redis-protocol server (Garnet or redis-server) run as a local process. <c>Aspire.Hosting.Redis</c> only offers a
/// container and this machine has no container runtime, hence an executable resource of our own. In Kubernetes the
/// same resource becomes a Redis StatefulSet (see <c>Kubernetes/StoreManifests.cs</c>).
/// </summary>
/// <param name="name">Resource name; also the connection-string name (<c>ConnectionStrings__{name}</c>) and Orleans' service key.</param>
/// <param name="kind">Which server runs locally.</param>
/// <param name="command">The executable (<c>dotnet</c> for Garnet, <c>redis-server</c> for Redis).</param>
/// <param name="workingDirectory">Where the command runs (the repository root, so the tool manifest is found).</param>
public sealed class RedisProtocolServerResource(string name, RedisProtocolServerKind kind, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    /// <summary>Name of the TCP endpoint clients connect to.</summary>
    public const string EndpointName = "tcp";

    private EndpointReference? endpoint;

    /// <summary>Which server runs locally.</summary>
    public RedisProtocolServerKind Kind { get; } = kind;

    /// <summary>The folder the server persists into (<see cref="StoreSettings.DataPath"/>).</summary>
    public required string DataPath { get; init; }

    /// <summary>The endpoint clients connect to (DCP's proxy in front of the server's own port).</summary>
    public EndpointReference Endpoint => endpoint ??= new(this, EndpointName);

    /// <summary>StackExchange.Redis connection string: <c>{host}:{port}</c>.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Endpoint.Property(EndpointProperty.Host)}:{Endpoint.Property(EndpointProperty.Port)}");
}
