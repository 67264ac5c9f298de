using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OpenClaw.Bench.Alerts;

/// <summary>
/// Notes when the simulator first answered a product's detail (<c>GET /product/202309/products/{id}</c>, contract §4):
/// the shop's webhook-triggered fetch of the frozen product. It splits each incident's latency in two hops: webhook at
/// the API → detail answered (inbox, hand-off to the shop grain, its turn, the rate budget, the call), and detail
/// answered → chat message (storing the version, the alert book, routing, the outbox, delivery).
/// </summary>
internal sealed class DetailFetchClock
{
    private const string DetailPath = "/product/202309/products/";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> _answered = new();

    /// <summary>The first time (UTC) the detail of <paramref name="productId"/> was answered at or after <paramref name="since"/>, if it was.</summary>
    /// <remarks>Keyed by product id alone: the simulator's ids are unique across shops.</remarks>
    public DateTimeOffset? FirstAnswerSince(string productId, DateTimeOffset since) =>
        _answered.TryGetValue(productId, out var times) ? times.Where(t => t >= since).Select(t => (DateTimeOffset?)t).Min() : null;

    /// <summary>Adds the clock to the simulator's pipeline (before it starts; it runs before the endpoints).</summary>
    public void Attach(WebApplication simulator) => simulator.Use(async (context, next) =>
    {
        await next(context);
        if (HttpMethods.IsGet(context.Request.Method) && context.Response.StatusCode == StatusCodes.Status200OK
            && context.Request.Path.Value is { } path && path.StartsWith(DetailPath, StringComparison.Ordinal)
            && path.AsSpan(DetailPath.Length).IndexOf('/') < 0)
        {
            _answered.GetOrAdd(path[DetailPath.Length..], _ => new()).Enqueue(DateTimeOffset.UtcNow);
        }
    });
}
