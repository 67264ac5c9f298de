using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace OpenClaw.Silo.Health;

/// <summary>
/// Readiness of the silo: healthy only while this silo is <see cref="SiloStatus.Active"/> in the membership table,
/// so a joining or shutting-down silo is taken out of rotation (Kubernetes readiness, Aspire's WaitFor).
/// </summary>
internal sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        var active = membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var description = $"silo {local.SiloAddress} is {status}; {active} active silo(s)";
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy(description)
            : HealthCheckResult.Unhealthy(description));
    }
}
