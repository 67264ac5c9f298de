namespace OpenClaw.AppHost.Kubernetes;

/// <summary>
/// A stateless service Kubernetes scales on CPU: the manifests get a HorizontalPodAutoscaler (autoscaling/v2) and a
/// PodDisruptionBudget, and the Deployment leaves its replica count to the autoscaler. Locally it changes nothing.
/// </summary>
/// <param name="MinReplicas">Never fewer pods (2: one may be upgraded or drained while the other serves).</param>
/// <param name="MaxReplicas">Never more pods.</param>
/// <param name="CpuUtilizationPercent">Average CPU use, as a share of the pods' CPU request, the autoscaler aims for.</param>
public sealed record AutoscaleAnnotation(int MinReplicas, int MaxReplicas, int CpuUtilizationPercent) : IResourceAnnotation;

/// <summary>Adds <see cref="AutoscaleAnnotation"/>.</summary>
public static class AutoscaleExtensions
{
    /// <summary>Scales the service between <paramref name="minReplicas"/> and <paramref name="maxReplicas"/> pods on CPU in Kubernetes.</summary>
    public static IResourceBuilder<ProjectResource> WithKubernetesAutoscale(this IResourceBuilder<ProjectResource> builder, int minReplicas, int maxReplicas, int cpuUtilizationPercent)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(minReplicas, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReplicas, minReplicas);
        ArgumentOutOfRangeException.ThrowIfLessThan(cpuUtilizationPercent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cpuUtilizationPercent, 100);
        return builder.WithAnnotation(new AutoscaleAnnotation(minReplicas, maxReplicas, cpuUtilizationPercent));
    }
}
