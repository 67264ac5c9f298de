using System.Diagnostics;
using OpenClaw.Runtime.Activation;
using OpenClaw.Runtime.Cluster;
using OpenClaw.Runtime.Telemetry;
using OpenClaw.Runtime.Transport;

namespace OpenClaw.Runtime.Invocation;

/// <summary>
/// Routes grain calls: to the local activation when this silo serves the grain's shard (no serialisation), otherwise
/// over HTTP/2 to the shard's owner, retrying with a fresh shard table while no silo accepts the call.
/// </summary>
internal sealed class GrainCallRouter(
    IShardOwnership ownership,
    RemoteGrainCaller? remote,
    TimeSpan responseTimeout,
    IEnumerable<IOutgoingGrainCallFilter> outgoingFilters) : IClusterClient, IGrainCallRouter
{
    private readonly IOutgoingGrainCallFilter[] filters = [.. outgoingFilters];

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>The local grain host; null in a client that is not a silo.</summary>
    public SiloRuntime? Silo { get; set; }

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        return GrainProxy.Create<TGrainInterface>(new GrainReference(this, GrainInterface.Of(typeof(TGrainInterface)), primaryKey));
    }

    public Task<T> InvokeAsync<T>(GrainReference reference, GrainMethod<T> method, object?[] args) =>
        filters.Length == 0
            ? RouteAsync(reference, method, args)
            : new OutgoingCallContext<T>(this, reference, method, args, filters).RunAsync();

    /// <summary>Delivers the call without outgoing filters (they have run, or there are none).</summary>
    public Task<T> RouteAsync<T>(GrainReference reference, GrainMethod<T> method, object?[] args) =>
        Silo?.TryInvokeLocal(reference, method, args) ?? InvokeRoutedAsync(reference, method, args);

    private async Task<T> InvokeRoutedAsync<T>(GrainReference reference, GrainMethod<T> method, object?[] args)
    {
        using var span = RuntimeTelemetry.Source.StartActivity(reference.Interface.Type.Name + "/" + method.Method.Name, ActivityKind.Client);
        span?.SetTag("rpc.system", "openclaw");
        span?.SetTag("rpc.service", reference.Interface.Name);
        span?.SetTag("rpc.method", method.Method.Name);
        span?.SetTag("openclaw.shard", reference.Shard);
        var deadline = Stopwatch.GetTimestamp() + (long)(responseTimeout.TotalSeconds * Stopwatch.Frequency);
        var delay = FirstRetryDelay;
        var attempts = 0;
        while (true)
        {
            var local = Silo?.TryInvokeLocal(reference, method, args);
            if (local is not null)
            {
                return await local.ConfigureAwait(false);
            }

            var owner = ownership.OwnerOf(reference.Shard);
            if (owner is not null && remote is not null)
            {
                try
                {
                    attempts++;
                    var result = await remote.CallAsync(owner, reference, method, args).ConfigureAwait(false);
                    span?.SetTag("openclaw.retry.count", attempts - 1);
                    return result;
                }
                catch (GrainCallNotDeliveredException)
                {
                    // Nothing ran: the owner moved or died. Look again.
                    ownership.ReportStale(reference.Shard);
                }
            }
            else if (remote is null && Silo is null)
            {
                throw new InvalidOperationException("This client has no silo to call (clustering is not configured).");
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                span?.SetStatus(ActivityStatusCode.Error, "no owner");
                throw new TimeoutException($"No silo accepted a call to {reference.Interface.Type.Name}.{method.Method.Name} within {responseTimeout.TotalSeconds:0} s.");
            }

            await ownership.WaitForChangeAsync(delay, CancellationToken.None).ConfigureAwait(false);
            delay = delay * 2 > MaxRetryDelay ? MaxRetryDelay : delay * 2;
        }
    }
}
