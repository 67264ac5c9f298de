using System.Collections.Concurrent;
using OpenClaw.Dashboard.Api;

namespace OpenClaw.Dashboard.Model;

/// <summary>
/// Daily paid orders per shop for the overview's sparklines, fetched only for rows the virtualized grid renders, at
/// most four at a time, each shop once per range. Once the endpoint answers "unavailable" no further calls are made.
/// Disposing the cache (the range changed, the page closed) cancels its loads, which then answer null: a load that
/// throws would end the user's whole Blazor circuit.
/// </summary>
public sealed class ShopTrendCache(IOpenClawApi api, DayRange days) : IDisposable
{
    private readonly ConcurrentDictionary<string, Task<IReadOnlyList<long>?>> trends = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(4);
    private readonly CancellationTokenSource stop = new();
    private volatile bool unavailable;

    /// <summary>The shop's daily paid orders, oldest first, or null when the API does not offer them.</summary>
    public Task<IReadOnlyList<long>?> GetAsync(string shopId) => trends.GetOrAdd(shopId, LoadAsync);

    private async Task<IReadOnlyList<long>?> LoadAsync(string shopId)
    {
        if (unavailable)
        {
            return null;
        }

        try
        {
            await gate.WaitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        try
        {
            var result = unavailable ? null : await api.GetShopMetricsAsync(shopId, days, stop.Token).ConfigureAwait(false);
            if (result is null || !result.IsOk)
            {
                unavailable |= result?.IsUnavailable == true;
                return null;
            }

            return [.. result.Value!.Days.OrderBy(d => d.Date).Select(d => d.Summary.Count("orders_paid"))];
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            // The semaphore is never disposed (it has no wait handle to free), so a load finishing after Dispose
            // can still release it.
            gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => stop.Cancel();
}
