using System.Text.RegularExpressions;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace OpenClaw.AppHost.Tests.Kubernetes;

/// <summary>
/// What operators rely on in deploy/k8s, checked on the typed objects (an independent oracle: the expected values
/// are written here, not taken from the generator).
/// </summary>
public sealed partial class ManifestValidationTests
{
    /// <summary>The silo's own HostOptions:ShutdownTimeout default (src/OpenClaw.Silo).</summary>
    private const int SiloShutdownSeconds = 25;

    private readonly DeployedManifests manifests = DeployedManifests.Load();

    [Fact]
    public void Silo_runs_at_least_two_replicas_behind_a_disruption_budget_and_rolls_without_losing_one()
    {
        var silo = manifests.Deployment("silo");
        Assert.True(silo.Spec.Replicas >= 2, $"silo replicas: {silo.Spec.Replicas}");
        Assert.Equal("RollingUpdate", silo.Spec.Strategy.Type);
        Assert.Equal("0", silo.Spec.Strategy.RollingUpdate.MaxUnavailable?.Value);

        var budget = Assert.Single(manifests.Objects.OfType<V1PodDisruptionBudget>(), p => DeployedManifests.Selects(p.Spec.Selector.MatchLabels, silo.Spec.Template));
        Assert.True(budget.Spec.MaxUnavailable?.Value == "1" || budget.Spec.MinAvailable is not null, "the PDB must bound voluntary disruptions");
        Assert.True(DeployedManifests.Selects(silo.Spec.Selector.MatchLabels, silo.Spec.Template));
    }

    [Fact]
    public void Silo_gets_longer_to_stop_than_it_drains()
    {
        var pod = manifests.Deployment("silo").Spec.Template.Spec;
        Assert.True(pod.TerminationGracePeriodSeconds > SiloShutdownSeconds, $"terminationGracePeriodSeconds {pod.TerminationGracePeriodSeconds} must exceed the {SiloShutdownSeconds} s drain");
        var env = manifests.EffectiveEnvironment(pod.Containers.Single());
        Assert.Equal("00:00:25", env["HostOptions__ShutdownTimeout"]);
    }

    [Fact]
    public void Silo_advertises_its_pod_IP_and_names_itself_after_the_pod()
    {
        var container = manifests.Deployment("silo").Spec.Template.Spec.Containers.Single();
        Assert.Equal("status.podIP", DeployedManifests.Variable(container, "POD_IP")?.ValueFrom?.FieldRef?.FieldPath);
        Assert.Equal("metadata.name", DeployedManifests.Variable(container, "POD_NAME")?.ValueFrom?.FieldRef?.FieldPath);
        Assert.Equal("$(POD_IP)", DeployedManifests.Variable(container, "Orleans__Endpoints__AdvertisedIPAddress")?.Value);
        Assert.Equal("$(POD_NAME)", DeployedManifests.Variable(container, "Orleans__Name")?.Value);

        // $(VAR) only expands variables defined earlier in the list.
        var names = container.Env.Select(e => e.Name).ToList();
        Assert.True(names.IndexOf("POD_IP") < names.IndexOf("Orleans__Endpoints__AdvertisedIPAddress"));
        Assert.True(names.IndexOf("POD_NAME") < names.IndexOf("Orleans__Name"));
    }

    [Fact]
    public void Silo_gets_the_Orleans_configuration_Aspire_injects_locally()
    {
        var container = manifests.Deployment("silo").Spec.Template.Spec.Containers.Single();
        var env = manifests.EffectiveEnvironment(container);
        Assert.Equal("Redis", env["Orleans__Clustering__ProviderType"]);
        Assert.Equal("redis", env["Orleans__Clustering__ServiceKey"]);
        Assert.Equal("Redis", env["Orleans__GrainStorage__Default__ProviderType"]);
        Assert.Equal("redis", env["Orleans__GrainStorage__Default__ServiceKey"]);
        Assert.Equal("Redis", env["Orleans__Reminders__ProviderType"]);
        Assert.Equal("redis", env["Orleans__Reminders__ServiceKey"]);
        Assert.False(string.IsNullOrEmpty(env["Orleans__ClusterId"]));
        Assert.False(string.IsNullOrEmpty(env["Orleans__ServiceId"]));
        Assert.Equal("11111", env["Orleans__Endpoints__SiloPort"]);
        Assert.Equal("30000", env["Orleans__Endpoints__GatewayPort"]);
        Assert.Contains(container.Ports, p => p.ContainerPort == 11111 && p.Name == "orleans-silo");
        Assert.Contains(container.Ports, p => p.ContainerPort == 30000 && p.Name == "orleans-gateway");
        Assert.Equal("openclaw-secrets", DeployedManifests.Variable(container, "ConnectionStrings__redis")?.ValueFrom?.SecretKeyRef?.Name);
        // The local demo's seeded shops are for `dotnet run` only.
        Assert.DoesNotContain(env.Keys, key => key.StartsWith("Demo__", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_workload_container_has_probes_requests_and_runs_as_non_root()
    {
        Assert.NotEmpty(manifests.PodTemplates);
        foreach (var (workload, template) in manifests.PodTemplates)
        {
            Assert.True(template.Spec.SecurityContext?.RunAsNonRoot == true, $"{workload}: pod securityContext.runAsNonRoot");
            foreach (var container in template.Spec.Containers)
            {
                Assert.True(container.ReadinessProbe is not null, $"{workload}/{container.Name}: readinessProbe");
                Assert.True(container.LivenessProbe is not null, $"{workload}/{container.Name}: livenessProbe");
                Assert.True(container.Resources?.Requests?.ContainsKey("cpu") == true, $"{workload}/{container.Name}: cpu request");
                Assert.True(container.Resources?.Requests?.ContainsKey("memory") == true, $"{workload}/{container.Name}: memory request");
                Assert.True(container.Resources?.Limits?.ContainsKey("memory") == true, $"{workload}/{container.Name}: memory limit");
                Assert.NotEqual(false, container.SecurityContext?.RunAsNonRoot);
                Assert.True(container.SecurityContext?.AllowPrivilegeEscalation == false, $"{workload}/{container.Name}: allowPrivilegeEscalation");
            }
        }
    }

    [Fact]
    public void Services_use_readiness_on_health_and_liveness_on_alive()
    {
        foreach (var name in new[] { "silo", "tiktok-sim" })
        {
            var container = manifests.Deployment(name).Spec.Template.Spec.Containers.Single();
            Assert.Equal("/health", container.ReadinessProbe.HttpGet?.Path);
            Assert.Equal("/alive", container.LivenessProbe.HttpGet?.Path);
        }
    }

    [Fact]
    public void Secret_like_settings_only_come_from_secretKeyRef()
    {
        foreach (var (workload, template) in manifests.PodTemplates)
        {
            foreach (var container in template.Spec.Containers)
            {
                foreach (var variable in container.Env ?? [])
                {
                    if (LooksSecret(variable.Name))
                    {
                        Assert.True(variable.ValueFrom?.SecretKeyRef is not null, $"{workload}: {variable.Name} must come from a secretKeyRef, not a literal");
                    }
                }
            }
        }

        foreach (var configMap in manifests.ConfigMaps)
        {
            var leaked = (configMap.Data ?? new Dictionary<string, string>()).Keys.Where(LooksSecret).ToList();
            Assert.True(leaked.Count == 0, $"ConfigMap {configMap.Metadata.Name} holds secret-like settings: {string.Join(", ", leaked)}");
        }

        Assert.DoesNotContain(manifests.Objects, o => o is V1Secret);
    }

    [Fact]
    public void Every_service_exports_OTLP_to_the_standalone_dashboard()
    {
        var dashboard = manifests.Deployment("aspire-dashboard");
        var dashboardContainer = dashboard.Spec.Template.Spec.Containers.Single();
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspire-dashboard:", dashboardContainer.Image, StringComparison.Ordinal);
        var service = manifests.Services.Single(s => s.Metadata.Name == "aspire-dashboard");
        Assert.True(DeployedManifests.Selects(service.Spec.Selector, dashboard.Spec.Template));
        var otlp = service.Spec.Ports.Single(p => p.Port == 18889);
        Assert.Contains(dashboardContainer.Ports, p => p.ContainerPort == 18889 && p.Name == otlp.TargetPort.Value);
        Assert.Contains(service.Spec.Ports, p => p.Port == 18888);

        foreach (var deployment in manifests.Deployments.Where(d => d.Metadata.Name != "aspire-dashboard"))
        {
            var env = manifests.EffectiveEnvironment(deployment.Spec.Template.Spec.Containers.Single());
            Assert.Equal($"http://{service.Metadata.Name}:{otlp.Port}", env.GetValueOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT"));
            Assert.Equal(deployment.Metadata.Name, env.GetValueOrDefault("OTEL_SERVICE_NAME"));
        }
    }

    [Fact]
    public void Store_is_a_Redis_StatefulSet_with_append_only_persistence_behind_a_headless_service()
    {
        var redis = Assert.Single(manifests.StatefulSets);
        var container = redis.Spec.Template.Spec.Containers.Single();
        Assert.StartsWith("redis:7", container.Image, StringComparison.Ordinal);
        var args = string.Join(' ', container.Args);
        Assert.Contains("--appendonly yes", args, StringComparison.Ordinal);
        var claim = Assert.Single(redis.Spec.VolumeClaimTemplates);
        Assert.Contains(container.VolumeMounts, m => m.Name == claim.Metadata.Name);
        var headless = manifests.Services.Single(s => s.Metadata.Name == redis.Spec.ServiceName);
        Assert.Equal("None", headless.Spec.ClusterIP);
        Assert.True(DeployedManifests.Selects(headless.Spec.Selector, redis.Spec.Template));
    }

    [Fact]
    public void Kustomization_lists_exactly_the_manifest_files()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(manifests.Folder, "kustomization.yaml"))));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        var listed = ((YamlSequenceNode)root.Children[new YamlScalarNode("resources")]).Children.Select(n => ((YamlScalarNode)n).Value!).Order(StringComparer.Ordinal);
        var files = Directory.GetFiles(manifests.Folder, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal);
        Assert.Equal(files, listed);
    }

    // A DI service key (Orleans__…__ServiceKey=redis names the keyed Redis client) is not a credential, nor is TikTok's
    // app key: a public identifier sent in every request's query (contract §2); the app secret is the credential.
    private static bool LooksSecret(string name) =>
        SecretName().IsMatch(name) && !name.EndsWith("__ServiceKey", StringComparison.Ordinal) && !name.EndsWith("__AppKey", StringComparison.Ordinal);

    [GeneratedRegex("PASSWORD|SECRET|TOKEN|KEY|ConnectionStrings", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
