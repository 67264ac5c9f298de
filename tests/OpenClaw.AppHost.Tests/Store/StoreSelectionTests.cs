using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using OpenClaw.AppHost.Store;

namespace OpenClaw.AppHost.Tests.Store;

/// <summary>Which store the AppHost declares for each configuration (the model only: nothing starts).</summary>
public sealed class StoreSelectionTests
{
    private static readonly string DataPath = Path.Combine(Path.GetTempPath(), "openclaw-store-model");

    [Fact]
    public async Task Default_store_is_Garnet_from_the_tool_manifest_with_Lua_and_recovery_after_a_tool_restore()
    {
        await using var app = await AppHostModel.BuildAsync([$"--Store:DataPath={DataPath}"]);
        var model = app.Resources;

        var store = Assert.IsType<RedisProtocolServerResource>(model.Single(r => r.Name == "redis"));
        Assert.Equal(RedisProtocolServerKind.Garnet, store.Kind);
        Assert.Equal("dotnet", store.Command);
        var args = await AppHostModel.ArgsAsync(app, store);
        Assert.Equal(["tool", "run", "garnet-server", "--"], args.Take(4));
        AssertFollowedBy(args, "--lua", "true");
        AssertFollowedBy(args, "--bind", "127.0.0.1");
        AssertFollowedBy(args, "--logdir", DataPath);
        Assert.Contains("--aof", args);
        Assert.Contains("--recover", args);

        var restore = model.OfType<ExecutableResource>().Single(r => r.Name == "redis-tool-restore");
        Assert.Contains(store.Annotations.OfType<WaitAnnotation>(), w => w.Resource == restore && w.WaitType == WaitType.WaitForCompletion);
        Assert.NotEmpty(store.Annotations.OfType<HealthCheckAnnotation>());

        // Aspire.Hosting.Orleans would name the provider after the class ("RedisProtocolServer"); the silo knows "Redis".
        var silo = await AppHostModel.EnvironmentAsync(app, model.Single(r => r.Name == "silo"));
        Assert.Equal("Redis", silo["Orleans__Clustering__ProviderType"]);
        Assert.Equal("Redis", silo["Orleans__GrainStorage__Default__ProviderType"]);
        Assert.Equal("Redis", silo["Orleans__Reminders__ProviderType"]);
    }

    [Fact]
    public async Task Store_kind_redis_runs_redis_server_with_an_append_only_file_in_the_data_folder()
    {
        await using var app = await AppHostModel.BuildAsync(["--Store:Kind=redis", $"--Store:DataPath={DataPath}"]);
        var model = app.Resources;

        var store = Assert.IsType<RedisProtocolServerResource>(model.Single(r => r.Name == "redis"));
        Assert.Equal("redis-server", store.Command);
        var args = await AppHostModel.ArgsAsync(app, store);
        AssertFollowedBy(args, "--appendonly", "yes");
        AssertFollowedBy(args, "--dir", DataPath);
        Assert.DoesNotContain(model, r => r.Name == "redis-tool-restore");
    }

    [Fact]
    public async Task A_configured_connection_string_replaces_the_local_server()
    {
        await using var app = await AppHostModel.BuildAsync(["--ConnectionStrings:redis=cache.example:6380"]);
        var model = app.Resources;

        var store = model.Single(r => r.Name == "redis");
        Assert.IsNotType<RedisProtocolServerResource>(store);
        Assert.Equal("cache.example:6380", await ((IResourceWithConnectionString)store).GetConnectionStringAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain(model, r => r is RedisProtocolServerResource || r.Name == "redis-tool-restore");

        var silo = model.Single(r => r.Name == "silo");
        var environment = await AppHostModel.EnvironmentAsync(app, silo);
        Assert.Equal("Redis", environment["Orleans__Clustering__ProviderType"]);
        Assert.Equal("redis", environment["Orleans__Clustering__ServiceKey"]);
    }

    [Fact]
    public async Task Unknown_store_kind_stops_the_AppHost_naming_the_accepted_values()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => AppHostModel.BuildAsync(["--Store:Kind=memcached"]));
        Assert.Contains("'garnet' or 'redis'", ex.ToString(), StringComparison.Ordinal);
    }

    private static void AssertFollowedBy(List<object> args, string flag, string value)
    {
        var index = args.IndexOf(flag);
        Assert.True(index >= 0 && index + 1 < args.Count, $"missing {flag}");
        Assert.Equal(value, args[index + 1]);
    }
}
