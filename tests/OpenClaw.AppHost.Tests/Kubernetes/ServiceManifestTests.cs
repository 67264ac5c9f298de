using System.Xml.Linq;
using k8s.Models;
using OpenClaw.TestSupport;

namespace OpenClaw.AppHost.Tests.Kubernetes;

/// <summary>
/// The API and the operator dashboard in deploy/k8s, and the images every Deployment pulls, checked on the typed objects
/// against values written here and the project files themselves.
/// </summary>
public sealed class ServiceManifestTests
{
    private readonly DeployedManifests manifests = DeployedManifests.Load();

    [Fact]
    public void Api_scales_on_CPU_from_two_pods_with_a_disruption_budget_and_no_fixed_replica_count()
    {
        var api = manifests.Deployment("api");
        var hpa = Assert.Single(manifests.Objects.OfType<V2HorizontalPodAutoscaler>(), h => h.Spec.ScaleTargetRef.Name == "api");
        Assert.Equal("Deployment", hpa.Spec.ScaleTargetRef.Kind);
        Assert.Equal("apps/v1", hpa.Spec.ScaleTargetRef.ApiVersion);
        Assert.True(hpa.Spec.MinReplicas >= 2, $"minReplicas {hpa.Spec.MinReplicas}: one pod must serve while another rolls");
        Assert.True(hpa.Spec.MaxReplicas > hpa.Spec.MinReplicas);
        var cpu = Assert.Single(hpa.Spec.Metrics);
        Assert.Equal("cpu", cpu.Resource.Name);
        Assert.Equal("Utilization", cpu.Resource.Target.Type);
        Assert.InRange(cpu.Resource.Target.AverageUtilization ?? 0, 1, 100);

        // Utilization is relative to the request: without one the HPA cannot compute it.
        Assert.True(api.Spec.Template.Spec.Containers.Single().Resources.Requests.ContainsKey("cpu"));
        // A replica count in the Deployment would reset the autoscaler's choice at every `kubectl apply`.
        Assert.Null(api.Spec.Replicas);
        Assert.Equal("0", api.Spec.Strategy.RollingUpdate.MaxUnavailable?.Value);
        Assert.Contains(manifests.Objects.OfType<V1PodDisruptionBudget>(), p => DeployedManifests.Selects(p.Spec.Selector.MatchLabels, api.Spec.Template));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("dashboard")]
    public void Browser_facing_services_have_a_ClusterIP_Service_an_Ingress_can_route_to(string name)
    {
        var deployment = manifests.Deployment(name);
        var container = deployment.Spec.Template.Spec.Containers.Single();
        var service = manifests.Services.Single(s => s.Metadata.Name == name);
        Assert.Equal("ClusterIP", service.Spec.Type);
        Assert.True(DeployedManifests.Selects(service.Spec.Selector, deployment.Spec.Template));
        var http = Assert.Single(service.Spec.Ports, p => p.Name == "http");
        Assert.Contains(container.Ports, p => p.Name == http.TargetPort.Value);
        Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/alive", container.LivenessProbe.HttpGet.Path);
    }

    [Fact]
    public void Dashboard_reads_the_API_through_its_Service_and_the_API_gets_its_bootstrap_key_from_the_Secret()
    {
        var dashboard = manifests.EffectiveEnvironment(manifests.Deployment("dashboard").Spec.Template.Spec.Containers.Single());
        Assert.Contains(dashboard, kv => kv.Key.StartsWith("services__api__http__", StringComparison.Ordinal) && kv.Value == "http://api:8080");

        var api = manifests.Deployment("api").Spec.Template.Spec.Containers.Single();
        Assert.Equal("openclaw-secrets", DeployedManifests.Variable(api, "Api__BootstrapAdminKey")?.ValueFrom?.SecretKeyRef?.Name);
        Assert.Equal("openclaw-secrets", DeployedManifests.Variable(api, "ConnectionStrings__redis")?.ValueFrom?.SecretKeyRef?.Name);
    }

    [Theory]
    [InlineData("silo", "src/OpenClaw.Silo/OpenClaw.Silo.csproj")]
    [InlineData("api", "src/OpenClaw.Api/OpenClaw.Api.csproj")]
    [InlineData("dashboard", "src/OpenClaw.Dashboard/OpenClaw.Dashboard.csproj")]
    [InlineData("tiktok-sim", "src/OpenClaw.TikTokShop.Simulator/OpenClaw.TikTokShop.Simulator.csproj")]
    public void Each_Deployment_pulls_the_image_its_project_file_publishes(string deployment, string projectFile)
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot.FullPath, projectFile));
        string Property(string name) => project.Descendants(name).Select(e => e.Value.Trim()).LastOrDefault()
            ?? throw new Xunit.Sdk.XunitException($"{projectFile} sets no {name} (dotnet publish -t:PublishContainer needs it)");

        var image = manifests.Deployment(deployment).Spec.Template.Spec.Containers.Single().Image;
        Assert.Equal($"{Property("ContainerRepository")}:{Property("ContainerImageTag")}", image);
    }
}
