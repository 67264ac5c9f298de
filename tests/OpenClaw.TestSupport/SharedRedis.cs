using Xunit;

namespace OpenClaw.TestSupport;

/// <summary>
/// One server per test process, started on first use and killed when the process exits. Tests that share it keep
/// their keys apart with a unique prefix (for example a fresh ServiceId per test).
/// </summary>
public static class SharedRedis
{
    private static readonly Lazy<Task<RedisServer>> Server = new(() => RedisServer.StartAsync(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shared server (started on first call).</summary>
    public static Task<RedisServer> GetAsync() => Server.Value;
}

/// <summary>xunit class fixture owning a dedicated server, for tests that stop, restart or flush it.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServer? server;

    /// <summary>The dedicated server.</summary>
    public RedisServer Server => server ?? throw new InvalidOperationException("fixture not initialised");

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => server = await RedisServer.StartAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>Trait used by CI to run the Redis-backed suites a second time against <c>redis-server</c>.</summary>
public static class RedisTrait
{
    /// <summary>Trait name; use <c>[Trait(RedisTrait.Name, RedisTrait.Value)]</c>.</summary>
    public const string Name = "Requires";

    /// <summary>Trait value.</summary>
    public const string Value = "Redis";
}
