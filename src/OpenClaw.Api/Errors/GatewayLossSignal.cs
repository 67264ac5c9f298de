namespace OpenClaw.Api.Errors;

/// <summary>
/// Tells grain calls in flight that the Orleans client lost a gateway connection (the connection to a silo closed, as
/// when its process is killed). A request already written to that connection, or forwarded through it, will never be
/// answered: Orleans' client does not fail such requests (only a silo breaks its own callbacks to a dead silo), so
/// without this they wait out <c>ClientMessagingOptions.ResponseTimeout</c> (dotnet/orleans#6802).
/// <see cref="GrainCalls"/> abandons an attempt that was running when the signal fired and retries it, which then
/// reaches the grain on a surviving silo once membership has moved it. Registered as the client's
/// <see cref="IClusterConnectionStatusObserver"/>.
/// </summary>
/// <remarks>
/// Every attempt running at a loss is abandoned, also those bound for live silos: they are retried the same way a
/// response timeout is (at least once), and a gateway loss is rare. A node that vanishes without closing its
/// connections (no FIN, e.g. a network partition) is not seen here; the response timeout still bounds that case.
/// </remarks>
public sealed class GatewayLossSignal : IClusterConnectionStatusObserver
{
    private TaskCompletionSource next = NewSource();

    /// <summary>A task that completes at the next gateway loss after this call.</summary>
    public Task NextLoss => Volatile.Read(ref next).Task;

    /// <inheritdoc />
    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways < previousNumberOfGateways)
        {
            Fire();
        }
    }

    /// <inheritdoc />
    public void NotifyClusterConnectionLost() => Fire();

    private void Fire()
    {
        Interlocked.Exchange(ref next, NewSource()).TrySetResult();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
