using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenClaw.Runtime.Hosting;
using OpenClaw.Runtime.Tests.Grains;
using OpenClaw.Runtime.Tests.Support;
using OpenClaw.TestSupport;

namespace OpenClaw.Runtime.Tests;

/// <summary>Registration and configuration of silos and clients.</summary>
public sealed class HostingTests
{
    [Fact]
    [Trait(RedisTrait.Name, RedisTrait.Value)]
    public async Task A_clustered_silo_keeps_the_apps_own_http_urls_next_to_its_h2c_port()
    {
        var server = await SharedRedis.GetAsync();
        var siloPort = FreePort.Next();
        var httpPort = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{httpPort}",
            ["ConnectionStrings:redis"] = server.ConnectionString,
            ["Orleans:ServiceId"] = "hosting-" + Guid.NewGuid().ToString("N")[..8],
            ["Orleans:Clustering:ProviderType"] = "Redis",
            ["Orleans:Endpoints:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.AddOpenClawSilo(silo => silo.AddGrain<LifecycleGrain>());
        await using var app = builder.Build();
        app.MapOpenClawSilo();
        app.MapGet("/alive", () => "ok");
        await app.StartAsync();

        using var http = new HttpClient();
        Assert.Equal("ok", await http.GetStringAsync(new Uri($"http://127.0.0.1:{httpPort}/alive")));
        var client = app.Services.GetRequiredService<IClusterClient>();
        Assert.Equal("hello h from k", await client.GetGrain<ILifecycleGrain>("k").Hello("h"));
        await app.StopAsync();
    }

    [Fact]
    public async Task In_a_single_process_silo_the_cluster_client_calls_local_grains()
    {
        await using var silo = await InProcessSilo.StartLocalAsync();
        var client = silo.App.Services.GetRequiredService<IClusterClient>();
        Assert.Equal("hello c from k", await client.GetGrain<ILifecycleGrain>("k").Hello("c"));
    }

    [Fact]
    public void A_cluster_client_without_redis_clustering_is_a_configuration_error()
    {
        var builder = Host.CreateApplicationBuilder();
        var error = Assert.Throws<InvalidOperationException>(() => builder.AddOpenClawClusterClient());
        Assert.Contains("Orleans:Clustering:ProviderType=Redis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grain_type_used_by_no_registered_class_fails_the_call_with_a_clear_message()
    {
        await using var silo = await InProcessSilo.StartLocalAsync(configure: s => s.Options.GrainClasses.Remove(typeof(WatchedGrain)));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grains.GetGrain<IWatchedGrain>("x").Hello("y"));
        Assert.Contains("IWatchedGrain", error.Message, StringComparison.Ordinal);
    }
}
