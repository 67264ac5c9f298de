using OpenClaw.AppHost.Model;

namespace OpenClaw.AppHost.Tests;

public sealed class ResourceModelTests
{
    [Fact]
    public void Resources_start_after_everything_they_reference()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var simulator = builder.AddProject("simulator", "src/Sim", 5070);
        var redis = builder.AddGarnet("redis", 6390);
        var api = builder.AddProject("api", "src/Api", 5080).WithReference(redis).WithReference(simulator);
        builder.AddProject("dashboard", "src/Dash", 5090).WithReference(api);

        var order = builder.Build().Resources.Select(r => r.Name).ToList();

        Assert.True(order.IndexOf("redis") < order.IndexOf("api"));
        Assert.True(order.IndexOf("simulator") < order.IndexOf("api"));
        Assert.True(order.IndexOf("api") < order.IndexOf("dashboard"));
        Assert.Equal(4, order.Count);
    }

    [Fact]
    public void A_reference_cycle_is_rejected_naming_a_resource_in_it()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var a = builder.AddProject("a", "src/A", 1);
        var b = builder.AddProject("b", "src/B", 2).WithReference(a);
        a.WithReference(b);

        var ex = Assert.Throws<InvalidOperationException>(builder.Build);
        Assert.Contains("cycle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_name_can_be_declared_once()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        builder.AddGarnet("redis", 6390);
        Assert.Throws<InvalidOperationException>(() => builder.AddGarnet("redis", 6391));
    }

    [Fact]
    public void A_project_receives_the_connection_keys_Aspire_would_inject()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var redis = builder.AddGarnet("redis", 6390);
        var simulator = builder.AddProject("simulator", "src/Sim", 5070);
        var silo = builder.AddProject("silo", "src/Silo", 5100)
            .WithReference(redis)
            .WithReference(simulator)
            .WithEnvironment("OTEL_SERVICE_NAME", "silo-custom");

        var env = ResourceEnvironment.For(silo.Resource, r => $"127.0.0.1:{r.Port}");

        Assert.Equal("127.0.0.1:6390", env["ConnectionStrings__redis"]);
        Assert.Equal("http://127.0.0.1:5070", env["services__simulator__http__0"]);
        Assert.Equal("silo-custom", env["OTEL_SERVICE_NAME"]); // the resource's own setting wins
    }
}
