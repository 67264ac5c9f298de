using OpenClaw.TikTokShop.Simulator.Api;
using OpenClaw.TikTokShop.Simulator.Webhooks;

namespace OpenClaw.TikTokShop.Simulator.Endpoints.Events;

/// <summary>Webhook subscriptions: GET, PUT {address, event_type}, DELETE {event_type} on <c>/event/202309/webhooks</c>.</summary>
public sealed class EventEndpoints(WebhookSubscriptions subscriptions) : IApiEndpoints
{
    /// <inheritdoc />
    public IEnumerable<ApiRoute> Routes =>
    [
        new("GET", "/event/202309/webhooks", "seller.webhook", CipherRule.Required, call => new { Webhooks = subscriptions.For(call.Shop.Index) }),
        new("PUT", "/event/202309/webhooks", "seller.webhook", CipherRule.Required, Put),
        new("DELETE", "/event/202309/webhooks", "seller.webhook", CipherRule.Required, Delete),
    ];

    private object? Put(ApiCall call)
    {
        var body = call.Body();
        var eventType = EventType(body);
        var address = body.Text("address");
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ApiException("missing or invalid body parameter address: an absolute http(s) URL");
        }

        subscriptions.Put(call.Shop.Index, eventType, address, call.Now);
        return null;
    }

    private object? Delete(ApiCall call)
    {
        subscriptions.Delete(call.Shop.Index, EventType(call.Body()));
        return null;
    }

    private static string EventType(BodyReader body)
    {
        var eventType = body.Text("event_type");
        return eventType is not null && WebhookSubscriptions.EventTypes.ContainsKey(eventType)
            ? eventType
            : throw new ApiException($"missing or invalid body parameter event_type: one of {string.Join(", ", WebhookSubscriptions.EventTypes.Keys)}");
    }
}
