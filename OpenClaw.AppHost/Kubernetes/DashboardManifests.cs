using System.Globalization;
using k8s.Models;

namespace OpenClaw.AppHost.Kubernetes;

/// <summary>
/// The standalone Aspire dashboard: every service exports OTLP to it, so operators watch the same logs, traces and
/// metrics in the cluster as on a laptop.
/// </summary>
public static class DashboardManifests
{
    /// <summary>The OTLP endpoint services export to (the dashboard's Service, gRPC port).</summary>
    public static readonly string OtlpEndpoint =
        string.Create(CultureInfo.InvariantCulture, $"http://{KubernetesConventions.DashboardName}:{KubernetesConventions.DashboardOtlpGrpcPort}");

    /// <summary>Builds the dashboard's Deployment and Service.</summary>
    public static ManifestFile Create()
    {
        const string name = KubernetesConventions.DashboardName;
        var health = new V1HTTPGetAction { Path = "/health", Port = "ui" };
        var (tmpVolume, tmpMount) = KubernetesConventions.TempVolume();
        var container = new V1Container
        {
            Name = name,
            Image = KubernetesConventions.DashboardImage,
            ImagePullPolicy = "IfNotPresent",
            Ports =
            [
                new V1ContainerPort { Name = "ui", ContainerPort = KubernetesConventions.DashboardUiPort, Protocol = "TCP" },
                new V1ContainerPort { Name = "otlp-grpc", ContainerPort = KubernetesConventions.DashboardOtlpGrpcPort, Protocol = "TCP" },
            ],
            Env =
            [
                // OTLP needs the shared API key (services send it as x-otlp-api-key); the UI asks for the browser token
                // the dashboard prints in its log (kubectl logs deploy/aspire-dashboard).
                new V1EnvVar { Name = "DASHBOARD__OTLP__AUTHMODE", Value = "ApiKey" },
                KubernetesConventions.FromSecret("DASHBOARD__OTLP__PRIMARYAPIKEY", KubernetesConventions.OtlpApiKeySecretKey),
                new V1EnvVar { Name = "DASHBOARD__FRONTEND__AUTHMODE", Value = "BrowserToken" },
            ],
            ReadinessProbe = new V1Probe { HttpGet = health, InitialDelaySeconds = 5, PeriodSeconds = 10, TimeoutSeconds = 3, FailureThreshold = 3 },
            LivenessProbe = new V1Probe { HttpGet = health, InitialDelaySeconds = 15, PeriodSeconds = 20, TimeoutSeconds = 5, FailureThreshold = 3 },
            // Telemetry is kept in memory (bounded by the dashboard's own limits).
            Resources = KubernetesConventions.Resources("100m", "256Mi", "1Gi"),
            SecurityContext = KubernetesConventions.ContainerSecurity(),
            VolumeMounts = [tmpMount],
        };

        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1", Kind = "Deployment",
            Metadata = KubernetesConventions.Metadata(name, name),
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = KubernetesConventions.SelectorLabels(name) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = KubernetesConventions.Labels(name) },
                    Spec = new V1PodSpec
                    {
                        AutomountServiceAccountToken = false,
                        SecurityContext = KubernetesConventions.PodSecurity(KubernetesConventions.DotnetAppUid),
                        Containers = [container],
                        Volumes = [tmpVolume],
                    },
                },
            },
        };

        var service = new V1Service
        {
            ApiVersion = "v1", Kind = "Service",
            Metadata = KubernetesConventions.Metadata(name, name),
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = KubernetesConventions.SelectorLabels(name),
                Ports =
                [
                    new V1ServicePort { Name = "ui", Port = KubernetesConventions.DashboardUiPort, TargetPort = "ui", Protocol = "TCP" },
                    new V1ServicePort { Name = "otlp-grpc", Port = KubernetesConventions.DashboardOtlpGrpcPort, TargetPort = "otlp-grpc", Protocol = "TCP" },
                ],
            },
        };

        return new ManifestFile(
            $"{name}.yaml",
            $"Standalone Aspire dashboard receiving OTLP from every service at {OtlpEndpoint} (API key: Secret " +
            $"'{KubernetesConventions.SecretName}' key '{KubernetesConventions.OtlpApiKeySecretKey}'). " +
            $"UI: kubectl port-forward svc/{name} {KubernetesConventions.DashboardUiPort}, login token in its log.",
            [deployment, service]);
    }
}
