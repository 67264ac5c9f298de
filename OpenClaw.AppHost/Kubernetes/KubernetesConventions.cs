using k8s.Models;

namespace OpenClaw.AppHost.Kubernetes;

/// <summary>
/// The choices every generated manifest shares: names, labels, ports, images, the Secret, security and resources.
/// Kept in one place so the manifests and the validation tests agree on them.
/// </summary>
public static class KubernetesConventions
{
    /// <summary>Value of the <c>app.kubernetes.io/part-of</c> label on everything generated.</summary>
    public const string PartOf = "openclaw";

    /// <summary>The Secret holding connection strings and keys (referenced only; operators create it).</summary>
    public const string SecretName = "openclaw-secrets";

    /// <summary>Secret key holding the API key the Aspire dashboard requires on OTLP (header <c>x-otlp-api-key</c>).</summary>
    public const string OtlpApiKeySecretKey = "otlp-api-key";

    /// <summary>Name of the standalone Aspire dashboard Deployment and Service.</summary>
    public const string DashboardName = "aspire-dashboard";

    /// <summary>The standalone dashboard image (same major/minor as the AppHost's Aspire).</summary>
    public const string DashboardImage = "mcr.microsoft.com/dotnet/aspire-dashboard:13.6";

    /// <summary>Dashboard UI port (browser; also serves <c>/health</c>).</summary>
    public const int DashboardUiPort = 18888;

    /// <summary>Dashboard OTLP/gRPC port every service exports to.</summary>
    public const int DashboardOtlpGrpcPort = 18889;

    /// <summary>Image of the Redis StatefulSet (the store's production counterpart of Garnet).</summary>
    public const string RedisImage = "redis:7";

    /// <summary>Redis' port.</summary>
    public const int RedisPort = 6379;

    /// <summary>UID of the <c>app</c> user in .NET 8+ container images (<c>$APP_UID</c>), also used by the dashboard image.</summary>
    public const long DotnetAppUid = 1654;

    /// <summary>UID of the <c>redis</c> user in the official Redis image.</summary>
    public const long RedisUid = 999;

    /// <summary>
    /// Container ports for endpoints whose target port Aspire leaves to DCP locally: http as in .NET container
    /// images, Orleans' silo and gateway ports as in Orleans' defaults.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> DefaultTargetPorts = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["http"] = 8080,
        ["https"] = 8443,
        ["orleans-silo"] = 11111,
        ["orleans-gateway"] = 30000,
    };

    /// <summary>Labels selecting a workload's pods.</summary>
    public static Dictionary<string, string> SelectorLabels(string name) => new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = name,
    };

    /// <summary>Labels on every object of a workload.</summary>
    public static Dictionary<string, string> Labels(string name, bool demoOnly = false)
    {
        var labels = SelectorLabels(name);
        labels["app.kubernetes.io/part-of"] = PartOf;
        labels["app.kubernetes.io/managed-by"] = "openclaw-apphost";
        if (demoOnly)
        {
            labels["openclaw.io/demo-only"] = "true";
        }

        return labels;
    }

    /// <summary>Metadata for an object named <paramref name="name"/> belonging to <paramref name="workload"/>.</summary>
    public static V1ObjectMeta Metadata(string name, string workload, bool demoOnly = false) =>
        new() { Name = name, Labels = Labels(workload, demoOnly) };

    /// <summary>An environment variable read from the OpenClaw Secret.</summary>
    public static V1EnvVar FromSecret(string name, string key) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = SecretName, Key = key } },
    };

    /// <summary>An environment variable from the pod's own fields (downward API), e.g. <c>status.podIP</c>.</summary>
    public static V1EnvVar FromField(string name, string fieldPath) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = fieldPath } },
    };

    /// <summary>Requests and limits. No CPU limit: throttling a silo stalls grain turns and probes alike.</summary>
    public static V1ResourceRequirements Resources(string cpuRequest, string memoryRequest, string memoryLimit) => new()
    {
        Requests = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = new ResourceQuantity(cpuRequest),
            ["memory"] = new ResourceQuantity(memoryRequest),
        },
        Limits = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["memory"] = new ResourceQuantity(memoryLimit),
        },
    };

    /// <summary>Pod-level security: a fixed non-root user, the runtime's default seccomp profile.</summary>
    public static V1PodSecurityContext PodSecurity(long uid) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = uid,
        RunAsGroup = uid,
        FsGroup = uid,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>Container-level security: read-only root, no privilege escalation, no capabilities.</summary>
    public static V1SecurityContext ContainerSecurity() => new()
    {
        RunAsNonRoot = true,
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };

    /// <summary>A writable <c>/tmp</c> for .NET processes on a read-only root (diagnostics IPC socket, temp files).</summary>
    public static (V1Volume Volume, V1VolumeMount Mount) TempVolume() =>
        (new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") } },
         new V1VolumeMount { Name = "tmp", MountPath = "/tmp" });
}
