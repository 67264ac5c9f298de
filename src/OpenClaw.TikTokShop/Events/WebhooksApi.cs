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

    /// <summary>
    /// Subscribes <paramref name="address"/> to <paramref name="eventType"/> (replaces an existing address). The address
    /// is sent exactly as written (<see cref="Uri.OriginalString"/>, contract §5): <see cref="Uri.AbsoluteUri"/> would add
    /// a trailing slash or change escaping, and TikTok would then call a URL the operator never configured.
    /// </summary>
    /// <exception cref="ArgumentException">The address is relative or has leading/trailing white space.</exception>
    public Task<TikTokShopResult<EmptyData>> SubscribeAsync(
        ShopAccess shop, string eventType, Uri address, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        ArgumentNullException.ThrowIfNull(address);
        // Uri trims white space while parsing but OriginalString keeps it: refuse rather than send " https://…".
        if (!address.IsAbsoluteUri || address.OriginalString.Trim().Length != address.OriginalString.Length)
        {
            throw new ArgumentException("The webhook address must be an absolute URL without surrounding white space.", nameof(address));
        }

        var request = new ApiRequest(HttpMethod.Put, Path)
            .WithBody(new WebhookUpdateBody(address.OriginalString, eventType), TikTokShopJsonContext.Default.WebhookUpdateBody);
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
