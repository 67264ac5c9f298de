using Orleans;

namespace OpenClaw.Api.Extensions;

/// <summary>
/// Keeps the Orleans client trying to reach a gateway while the cluster starts (Kubernetes starts the API and the
/// silos together): one attempt a second until the host stops, instead of failing the API's start.
/// </summary>
internal sealed class ClusterConnectionRetryFilter : IClientConnectionRetryFilter
{
    /// <inheritdoc />
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
