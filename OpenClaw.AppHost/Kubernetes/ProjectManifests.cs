#pragma warning disable ASPIREPROBES001 // Probe annotations are experimental in Aspire 13.6.
using k8s.Models;
using OpenClaw.AppHost.Extensions;

namespace OpenClaw.AppHost.Kubernetes;

/// <summary>A .NET project of the model as a ConfigMap, a Deployment, a Service and (with replicas) a PodDisruptionBudget.</summary>
public static class ProjectManifests
{
    /// <summary>The pod's grace period when the model does not say how long the service drains (Kubernetes' default).</summary>
    public const long DefaultTerminationGracePeriodSeconds = 30;

    /// <summary>Builds the objects for <paramref name="project"/>.</summary>
    public static async Task<ManifestFile> CreateAsync(ProjectResource project, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var name = project.Name;
        var demo = project.Annotations.OfType<DemoOnlyAnnotation>().LastOrDefault();
        var environment = await WorkloadEnvironment.CreateAsync(project, executionContext, cancellationToken).ConfigureAwait(false);
        var autoscale = project.Annotations.OfType<AutoscaleAnnotation>().LastOrDefault();
        var replicas = autoscale?.MinReplicas ?? project.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;
        var endpoints = project.Annotations.OfType<EndpointAnnotation>().ToList();
        var configMapName = name + "-env";

        var configMap = new V1ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap",
            Metadata = KubernetesConventions.Metadata(configMapName, name, demo is not null),
            Data = environment.Settings,
        };

        var (tmpVolume, tmpMount) = KubernetesConventions.TempVolume();
        var container = new V1Container
        {
            Name = name,
            Image = ContainerImage.Of(project).Reference,
            ImagePullPolicy = "IfNotPresent",
            Ports = endpoints.Select(e => new V1ContainerPort
            {
                Name = e.Name, ContainerPort = WorkloadEnvironment.ContainerPort(project, e), Protocol = "TCP",
            }).ToList(),
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = configMapName } }],
            Env = environment.Variables,
            ReadinessProbe = Probe(project, ProbeType.Readiness),
            LivenessProbe = Probe(project, ProbeType.Liveness),
            Resources = KubernetesConventions.Resources("100m", "256Mi", "1Gi"),
            SecurityContext = KubernetesConventions.ContainerSecurity(),
            VolumeMounts = [tmpMount],
        };

        var drain = project.Annotations.OfType<GracefulShutdownAnnotation>().LastOrDefault();
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1", Kind = "Deployment",
            Metadata = KubernetesConventions.Metadata(name, name, demo is not null),
            Spec = new V1DeploymentSpec
            {
                // With an autoscaler the HPA owns the count: a replica count here would reset it at every apply.
                Replicas = autoscale is null ? replicas : null,
                Selector = new V1LabelSelector { MatchLabels = KubernetesConventions.SelectorLabels(name) },
                // Never below the declared replica count during a rollout: a new pod joins (ready) before an old one drains.
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 },
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = KubernetesConventions.Labels(name, demo is not null) },
                    Spec = new V1PodSpec
                    {
                        TerminationGracePeriodSeconds = drain is null
                            ? DefaultTerminationGracePeriodSeconds
                            : (long)drain.TerminationGracePeriod.TotalSeconds,
                        AutomountServiceAccountToken = false,
                        SecurityContext = KubernetesConventions.PodSecurity(KubernetesConventions.DotnetAppUid),
                        Containers = [container],
                        Volumes = [tmpVolume],
                    },
                },
            },
        };

        var objects = new List<object> { configMap, deployment };
        // Only HTTP goes through a Service: silos and Orleans clients find each other's silo/gateway ports through the
        // membership table (pod IPs), never through a load-balanced address.
        var httpEndpoints = endpoints.Where(e => e.UriScheme is "http" or "https").ToList();
        if (httpEndpoints.Count > 0)
        {
            objects.Add(new V1Service
            {
                ApiVersion = "v1", Kind = "Service",
                Metadata = KubernetesConventions.Metadata(name, name, demo is not null),
                Spec = new V1ServiceSpec
                {
                    Type = "ClusterIP",
                    Selector = KubernetesConventions.SelectorLabels(name),
                    Ports = httpEndpoints.Select(e => new V1ServicePort
                    {
                        Name = e.Name, Port = WorkloadEnvironment.ContainerPort(project, e), TargetPort = e.Name, Protocol = "TCP",
                    }).ToList(),
                },
            });
        }

        if (replicas >= 2)
        {
            // Voluntary disruptions (node drains, upgrades) take one pod at a time; the rest keep the grains reachable.
            objects.Add(new V1PodDisruptionBudget
            {
                ApiVersion = "policy/v1", Kind = "PodDisruptionBudget",
                Metadata = KubernetesConventions.Metadata(name, name, demo is not null),
                Spec = new V1PodDisruptionBudgetSpec
                {
                    MaxUnavailable = 1,
                    Selector = new V1LabelSelector { MatchLabels = KubernetesConventions.SelectorLabels(name) },
                },
            });
        }

        if (autoscale is not null)
        {
            objects.Add(Autoscaler(name, autoscale, demo is not null));
        }

        var header = demo is null
            ? autoscale is null
                ? $"The '{name}' service: {replicas} replica(s)."
                : $"The '{name}' service: {autoscale.MinReplicas}–{autoscale.MaxReplicas} replicas (HorizontalPodAutoscaler at {autoscale.CpuUtilizationPercent} % CPU)."
            : $"DEMO ONLY ({demo.Reason}). Remove '{name}.yaml' from kustomization.yaml for production.";
        return new ManifestFile($"{name}.yaml", header, objects);
    }

    // Scales the Deployment on the pods' average CPU use relative to their request; scale-down waits 5 minutes (the
    // default) so a burst of webhooks does not make the pod count flap.
    private static V2HorizontalPodAutoscaler Autoscaler(string name, AutoscaleAnnotation autoscale, bool demo) => new()
    {
        ApiVersion = "autoscaling/v2", Kind = "HorizontalPodAutoscaler",
        Metadata = KubernetesConventions.Metadata(name, name, demo),
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = name },
            MinReplicas = autoscale.MinReplicas,
            MaxReplicas = autoscale.MaxReplicas,
            Metrics =
            [
                new V2MetricSpec
                {
                    Type = "Resource",
                    Resource = new V2ResourceMetricSource
                    {
                        Name = "cpu",
                        Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = autoscale.CpuUtilizationPercent },
                    },
                },
            ],
        },
    };

    private static V1Probe? Probe(ProjectResource project, ProbeType type) =>
        project.Annotations.OfType<EndpointProbeAnnotation>().LastOrDefault(p => p.Type == type) is { } probe
            ? new V1Probe
            {
                HttpGet = new V1HTTPGetAction { Path = probe.Path, Port = probe.EndpointReference.EndpointName },
                InitialDelaySeconds = probe.InitialDelaySeconds,
                PeriodSeconds = probe.PeriodSeconds,
                TimeoutSeconds = probe.TimeoutSeconds,
                FailureThreshold = probe.FailureThreshold,
                SuccessThreshold = probe.SuccessThreshold,
            }
            : null;
}
