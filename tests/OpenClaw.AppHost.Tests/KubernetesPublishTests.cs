using OpenClaw.AppHost.Model;
using OpenClaw.AppHost.Publish;
using YamlDotNet.RepresentationModel;

namespace OpenClaw.AppHost.Tests;

public sealed class KubernetesPublishTests : IDisposable
{
    private readonly string output = Path.Combine(Path.GetTempPath(), "openclaw-k8s-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Publish_writes_valid_manifests_with_in_cluster_endpoints()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var redis = builder.AddGarnet("redis", 6390);
        builder.AddProject("silo", "src/OpenClaw.Silo", 5100)
            .WithReference(redis)
            .WithReplicas(3)
            .WithEnvironment("Tricky", "say \"hi\" \\ there: #1");
        var resources = builder.Build().Resources;

        var files = KubernetesManifests.Write(resources, output, "registry.example/openclaw", "1.2.3");

        Assert.Equal(["redis.yaml", "silo.yaml", "kustomization.yaml"], files.Select(Path.GetFileName));
        var silo = LoadDocuments(Path.Combine(output, "silo.yaml"));
        var deployment = silo.Single(d => Scalar(d, "kind") == "Deployment");
        var spec = Map(deployment, "spec");
        Assert.Equal("3", Scalar(spec, "replicas"));
        var containers = (YamlSequenceNode)Map(Map(spec, "template"), "spec").Children[new YamlScalarNode("containers")];
        var container = (YamlMappingNode)containers.Children.Single();
        Assert.Equal("registry.example/openclaw/openclaw-silo:1.2.3", Scalar(container, "image"));
        var env = ((YamlSequenceNode)container.Children[new YamlScalarNode("env")]).Children
            .Cast<YamlMappingNode>()
            .ToDictionary(e => Scalar(e, "name"), e => Scalar(e, "value"));
        Assert.Equal("redis:6379", env["ConnectionStrings__redis"]);
        Assert.Equal("http://+:8080", env["ASPNETCORE_URLS"]);
        Assert.Equal("silo", env["OTEL_SERVICE_NAME"]);
        Assert.Equal("say \"hi\" \\ there: #1", env["Tricky"]); // quoting survives a YAML parser
        Assert.Equal("/health", Scalar(Map(Map(container, "readinessProbe"), "httpGet"), "path"));
        Assert.Contains(silo, d => Scalar(d, "kind") == "Service");

        var store = LoadDocuments(Path.Combine(output, "redis.yaml"));
        Assert.Contains(store, d => Scalar(d, "kind") == "StatefulSet");

        var kustomization = LoadDocuments(Path.Combine(output, "kustomization.yaml")).Single();
        var listed = ((YamlSequenceNode)kustomization.Children[new YamlScalarNode("resources")]).Children.Select(n => ((YamlScalarNode)n).Value);
        Assert.Equal(["redis.yaml", "silo.yaml"], listed);
    }

    public void Dispose()
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static List<YamlMappingNode> LoadDocuments(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;
}
