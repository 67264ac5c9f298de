#pragma warning disable ASPIREPROBES001 // Probe annotations are experimental; only the Kubernetes manifests read them.

namespace OpenClaw.AppHost.Extensions;

/// <summary>Wiring shared by OpenClaw's .NET services (projects using <c>OpenClaw.ServiceDefaults</c>).</summary>
public static class ServiceResourceExtensions
{
    /// <summary>Readiness path of every service (all health checks, including Redis and the silo's status).</summary>
    public const string HealthPath = "/health";

    /// <summary>Liveness path of every service (the process answers).</summary>
    public const string AlivePath = "/alive";

    /// <summary>
    /// Records the readiness (<c>/health</c>) and liveness (<c>/alive</c>) probes on the http endpoint. Locally Aspire
    /// watches <c>/health</c> through <c>WithHttpHealthCheck</c>; the annotations become the pods' probes.
    /// </summary>
    public static IResourceBuilder<T> WithKubernetesProbes<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithEndpoints, IResourceWithProbes
    {
        ArgumentNullException.ThrowIfNull(builder);
        var http = builder.GetEndpoint("http");
        return builder
            .WithAnnotation(new EndpointProbeAnnotation
            {
                Type = ProbeType.Readiness, EndpointReference = http, Path = HealthPath,
                InitialDelaySeconds = 5, PeriodSeconds = 5, TimeoutSeconds = 3, FailureThreshold = 3, SuccessThreshold = 1,
            })
            .WithAnnotation(new EndpointProbeAnnotation
            {
                // Generous: a silo busy deactivating grains must not be killed for a slow answer.
                Type = ProbeType.Liveness, EndpointReference = http, Path = AlivePath,
                InitialDelaySeconds = 10, PeriodSeconds = 10, TimeoutSeconds = 5, FailureThreshold = 6, SuccessThreshold = 1,
            });
    }

    /// <summary>
    /// Gives the service <paramref name="drain"/> to stop gracefully (the host's <c>HostOptions:ShutdownTimeout</c>;
    /// for a silo: deactivate grains, write state, leave the membership table). Kubernetes waits longer than that
    /// before SIGKILL (<see cref="GracefulShutdownAnnotation.TerminationGracePeriod"/>).
    /// </summary>
    public static IResourceBuilder<T> WithGracefulShutdown<T>(this IResourceBuilder<T> builder, TimeSpan drain)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(drain, TimeSpan.Zero);
        return builder
            .WithAnnotation(new GracefulShutdownAnnotation(drain))
            .WithEnvironment("HostOptions__ShutdownTimeout", drain.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>How long a service drains on SIGTERM (see <see cref="ServiceResourceExtensions.WithGracefulShutdown{T}"/>).</summary>
/// <param name="Drain">The host's shutdown timeout.</param>
public sealed record GracefulShutdownAnnotation(TimeSpan Drain) : IResourceAnnotation
{
    /// <summary>Margin for the SIGTERM to reach the host and the process to exit after the drain.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(15);

    /// <summary>The pod's <c>terminationGracePeriodSeconds</c>: drain plus margin.</summary>
    public TimeSpan TerminationGracePeriod => Drain + Margin;
}
