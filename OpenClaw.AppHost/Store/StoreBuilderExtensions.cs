using Aspire.Hosting.Orleans;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OpenClaw.AppHost.Store;

/// <summary>Adds OpenClaw's Redis-protocol store: Garnet by default, redis-server on request, or an external server.</summary>
public static class StoreBuilderExtensions
{
    /// <summary>
    /// Adds the store the silo uses for clustering, grain state and reminders.
    /// <list type="bullet">
    /// <item><c>ConnectionStrings:{name}</c> set (user secrets, environment) → that server, nothing started.</item>
    /// <item>otherwise <c>Store:Kind</c> = <c>garnet</c> (default) or <c>redis</c> → a local process persisting into <c>Store:DataPath</c>.</item>
    /// </list>
    /// Either way the resource has a Redis health check, so <c>WaitFor(store)</c> means "answers PING".
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRedisProtocolStore(
        this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ExecutionContext.IsRunMode && !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)))
        {
            var configured = builder.Configuration.GetConnectionString(name);
            return builder.AddConnectionString(name)
                .WithOrleansProviderType("Redis")
                // A connection-string resource is a parameter: no ConnectionStringAvailableEvent, but the value is known now.
                .WithRedisHealthCheck(() => configured);
        }

        var root = RepositoryRoot(builder);
        var settings = StoreSettings.From(builder.Configuration, root);
        var command = settings.Kind == RedisProtocolServerKind.Garnet ? "dotnet" : "redis-server";
        var store = builder.AddResource(new RedisProtocolServerResource(name, settings.Kind, command, root) { DataPath = settings.DataPath! })
            .WithEndpoint(name: RedisProtocolServerResource.EndpointName, scheme: "tcp")
            .WithArgs(context => AddServerArgs(context, settings))
            // Aspire.Hosting.Orleans derives the provider from the class name ("RedisProtocolServer"); the silo knows "Redis".
            .WithOrleansProviderType("Redis")
            .WithRedisHealthCheck();

        if (builder.ExecutionContext.IsRunMode)
        {
            // Created when the server is about to start, not while the model is built (tests inspect models only).
            builder.Eventing.Subscribe<BeforeResourceStartedEvent>(store.Resource, (_, _) =>
            {
                Directory.CreateDirectory(settings.DataPath!);
                return Task.CompletedTask;
            });
            if (settings.Kind == RedisProtocolServerKind.Garnet)
            {
                // `dotnet tool run` needs the manifest's tools restored; on a fresh machine nothing else does it. Fast
                // (~0.3 s) when they already are, and visible in the dashboard when it fails (e.g. no NuGet access).
                var restore = builder.AddExecutable($"{name}-tool-restore", "dotnet", root, "tool", "restore");
                store.WaitForCompletion(restore);
            }
        }

        return store;
    }

    /// <summary>
    /// Gates the resource on a Redis PING (AspNetCore.HealthChecks.Redis) against its connection string: the one
    /// given, or (servers the AppHost starts) the one Aspire announces once DCP has allocated the port.
    /// </summary>
    public static IResourceBuilder<T> WithRedisHealthCheck<T>(this IResourceBuilder<T> builder, Func<string?>? knownConnectionString = null)
        where T : IResourceWithConnectionString
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = knownConnectionString?.Invoke();
        builder.ApplicationBuilder.Eventing.Subscribe<ConnectionStringAvailableEvent>(builder.Resource, async (_, ct) =>
            connectionString = await builder.Resource.ConnectionStringExpression.GetValueAsync(ct).ConfigureAwait(false));

        var key = $"{builder.Resource.Name}_redis_check";
        builder.ApplicationBuilder.Services.AddHealthChecks().AddRedis(
            _ => connectionString ?? throw new InvalidOperationException($"The connection string of '{builder.Resource.Name}' is not known yet."),
            name: key);
        return builder.WithHealthCheck(key);
    }

    private static void AddServerArgs(CommandLineArgsCallbackContext context, StoreSettings settings)
    {
        var store = (RedisProtocolServerResource)context.Resource;
        var port = store.Endpoint.Property(EndpointProperty.TargetPort);
        var data = settings.DataPath!;
        if (store.Kind == RedisProtocolServerKind.Garnet)
        {
            // --lua true: Orleans' Redis storage and reminders run Lua scripts; without it a silo hangs in Joining.
            // --lua-transaction-mode true: without it Garnet does not run a script atomically (measured: 400
            // concurrent check-and-take scripts on a 10-token bucket granted 30); the rate budget, the outbox and
            // Orleans' etag checks rely on Redis' all-or-nothing script semantics.
            // --aof + --recover: every write goes to the append-only log and a restart replays it (data survives the
            // AppHost); --checkpoint-freq bounds replay time. --storage-tier puts the log files into the data folder.
            // --aof-segment-size 64m: a checkpoint truncates the log only by whole segments, and at Garnet's default
            // (1 GiB) a local store never fills one, so the folder grew with every write ever made (477 MB after four
            // restarts); with 64 MiB segments it keeps about one segment beside the checkpoint (the AOF page, 32 MiB
            // by default, must fit in a segment). GarnetLogTruncationTests.
            context.Args.Add("tool");
            context.Args.Add("run");
            context.Args.Add("garnet-server");
            context.Args.Add("--");
            AddAll(context, "--bind", "127.0.0.1", "--port", port, "--lua", "true", "--lua-transaction-mode", "true",
                "--memory", "256m", "--index", "32m",
                "--aof", "--aof-segment-size", "64m", "--storage-tier", "true", "--device-type", "RandomAccess",
                "--logdir", data, "--checkpointdir", data, "--recover", "--checkpoint-freq", "300");
        }
        else
        {
            AddAll(context, "--bind", "127.0.0.1", "--port", port, "--protected-mode", "no",
                "--appendonly", "yes", "--appendfsync", "everysec", "--dir", data);
        }
    }

    private static void AddAll(CommandLineArgsCallbackContext context, params object[] args)
    {
        foreach (var arg in args)
        {
            context.Args.Add(arg);
        }
    }

    /// <summary>The checkout's root: the AppHost project sits directly under it, beside <c>dotnet-tools.json</c>.</summary>
    internal static string RepositoryRoot(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
}
