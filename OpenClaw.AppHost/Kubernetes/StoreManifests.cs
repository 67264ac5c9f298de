using k8s.Models;
using OpenClaw.AppHost.Store;

namespace OpenClaw.AppHost.Kubernetes;

/// <summary>
/// The store in a cluster: Redis 7 with append-only persistence on a PersistentVolumeClaim, behind a headless
/// Service. Locally the same resource is Garnet; both speak the protocol the silo's Orleans providers use.
/// </summary>
public static class StoreManifests
{
    /// <summary>Size of the data volume each store pod claims.</summary>
    public const string VolumeSize = "5Gi";

    /// <summary>Builds the StatefulSet and its headless Service for <paramref name="store"/>.</summary>
    public static ManifestFile Create(RedisProtocolServerResource store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var name = store.Name;
        var ping = new V1ExecAction { Command = ["redis-cli", "-p", $"{KubernetesConventions.RedisPort}", "ping"] };
        var container = new V1Container
        {
            Name = "redis",
            Image = KubernetesConventions.RedisImage,
            ImagePullPolicy = "IfNotPresent",
            // Every write goes to the append-only file (fsync each second), the durability Garnet's --aof gives locally.
            Args = ["--appendonly", "yes", "--appendfsync", "everysec", "--dir", "/data", "--port", $"{KubernetesConventions.RedisPort}"],
            Ports = [new V1ContainerPort { Name = "redis", ContainerPort = KubernetesConventions.RedisPort, Protocol = "TCP" }],
            ReadinessProbe = new V1Probe { Exec = ping, InitialDelaySeconds = 2, PeriodSeconds = 5, TimeoutSeconds = 2, FailureThreshold = 3 },
            // Replaying a large AOF after a restart takes a while; only kill a Redis that stays silent for a minute.
            LivenessProbe = new V1Probe { Exec = ping, InitialDelaySeconds = 15, PeriodSeconds = 10, TimeoutSeconds = 5, FailureThreshold = 6 },
            Resources = KubernetesConventions.Resources("100m", "256Mi", "1Gi"),
            SecurityContext = KubernetesConventions.ContainerSecurity(),
            VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/data" }],
        };

        var statefulSet = new V1StatefulSet
        {
            ApiVersion = "apps/v1", Kind = "StatefulSet",
            Metadata = KubernetesConventions.Metadata(name, name),
            Spec = new V1StatefulSetSpec
            {
                ServiceName = name,
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = KubernetesConventions.SelectorLabels(name) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = KubernetesConventions.Labels(name) },
                    Spec = new V1PodSpec
                    {
                        // Redis flushes the AOF on SIGTERM; give it time to finish before SIGKILL.
                        TerminationGracePeriodSeconds = 30,
                        AutomountServiceAccountToken = false,
                        SecurityContext = KubernetesConventions.PodSecurity(KubernetesConventions.RedisUid),
                        Containers = [container],
                    },
                },
                VolumeClaimTemplates =
                [
                    new V1PersistentVolumeClaim
                    {
                        Metadata = new V1ObjectMeta { Name = "data", Labels = KubernetesConventions.Labels(name) },
                        Spec = new V1PersistentVolumeClaimSpec
                        {
                            AccessModes = ["ReadWriteOnce"],
                            Resources = new V1VolumeResourceRequirements
                            {
                                Requests = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["storage"] = new ResourceQuantity(VolumeSize) },
                            },
                        },
                    },
                ],
            },
        };

        var service = new V1Service
        {
            ApiVersion = "v1", Kind = "Service",
            Metadata = KubernetesConventions.Metadata(name, name),
            Spec = new V1ServiceSpec
            {
                // Headless: the StatefulSet's stable pod names (redis-0.redis) resolve directly.
                ClusterIP = "None",
                Selector = KubernetesConventions.SelectorLabels(name),
                Ports = [new V1ServicePort { Name = "redis", Port = KubernetesConventions.RedisPort, TargetPort = "redis", Protocol = "TCP" }],
            },
        };

        return new ManifestFile(
            $"{name}.yaml",
            $"The store: {KubernetesConventions.RedisImage} with AOF on a {VolumeSize} volume (Garnet locally). Services read it through " +
            $"Secret '{KubernetesConventions.SecretName}' key 'ConnectionStrings__{name}' (e.g. '{name}-0.{name}:{KubernetesConventions.RedisPort}'); " +
            "point that key at a managed Redis and drop this file to use one.",
            [statefulSet, service]);
    }
}
