using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Json;
using OpenClaw.TikTokShop.Transport;

namespace OpenClaw.TikTokShop.Events;

/// <summary>Webhook subscriptions of a shop (<c>/event/202309/webhooks</c>).</summary>
public sealed class WebhooksApi
{
    private const string Path = "/event/202309/webhooks";
    private readonly TikTokShopTransport _transport;

    internal WebhooksApi(TikTokShopTransport transport) => _transport = transport;

    /// <summary>The shop's subscriptions.</summary>
    public async Task<TikTokShopResult<IReadOnlyList<WebhookSubscription>>> ListAsync(
        ShopAccess shop, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.SendAsync(new ApiRequest(HttpMethod.Get, Path), shop, options,
            TikTokShopJsonContext.Default.WebhookSubscriptionsData, cancellationToken).ConfigureAwait(false);
        return result.Map(d => d.Webhooks ?? (IReadOnlyList<WebhookSubscription>)[]);
    }

    /// <summary>Subscribes <paramref name="address"/> to <paramref name="eventType"/> (replaces an existing address).</summary>
    public Task<TikTokShopResult<EmptyData>> SubscribeAsync(
        ShopAccess shop, string eventType, Uri address, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        ArgumentNullException.ThrowIfNull(address);
        var request = new ApiRequest(HttpMethod.Put, Path)
            .WithBody(new WebhookUpdateBody(address.AbsoluteUri, eventType), TikTokShopJsonContext.Default.WebhookUpdateBody);
        return _transport.SendAsync(request, shop, options, TikTokShopJsonContext.Default.EmptyData, cancellationToken);
    }

    /// <summary>Removes the subscription for <paramref name="eventType"/>.</summary>
    public Task<TikTokShopResult<EmptyData>> UnsubscribeAsync(
        ShopAccess shop, string eventType, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        var request = new ApiRequest(HttpMethod.Delete, Path)
            .WithBody(new WebhookDeleteBody(eventType), TikTokShopJsonContext.Default.WebhookDeleteBody);
        return _transport.SendAsync(request, shop, options, TikTokShopJsonContext.Default.EmptyData, cancellationToken);
    }
}
