using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Simulator.Hosting;

namespace OpenClaw.TikTokShop.Simulator.Webhooks;

/// <summary>Per-shop webhook subscriptions (PUT /event/202309/webhooks) and the fallback <c>WebhookUrl</c>.</summary>
public sealed class WebhookSubscriptions(IOptions<SimulatorSettings> settings)
{
    /// <summary>Event type names by webhook type number (contract §6).</summary>
    public static readonly IReadOnlyDictionary<string, int> EventTypes = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["ORDER_STATUS_CHANGE"] = 1,
        ["RECIPIENT_ADDRESS_UPDATE"] = 3,
        ["PACKAGE_UPDATE"] = 4,
        ["PRODUCT_STATUS_CHANGE"] = 5,
        ["SELLER_DEAUTHORIZATION"] = 6,
        ["UPCOMING_AUTHORIZATION_EXPIRATION"] = 7,
        ["CANCELLATION_STATUS_CHANGE"] = 11,
        ["RETURN_STATUS_CHANGE"] = 12,
        ["INVENTORY_STATUS_CHANGE"] = 27,
        ["PRODUCT_AUDIT_STATUS_CHANGE"] = 37,
    };

    private readonly ConcurrentDictionary<(int Shop, string EventType), Subscription> _subscriptions = new();

    /// <summary>Subscribes a shop to an event type.</summary>
    public void Put(int shopIndex, string eventType, string address, long now) =>
        _subscriptions.AddOrUpdate((shopIndex, eventType), _ => new Subscription(eventType, address, now, now), (_, old) => old with { Address = address, UpdateTime = now });

    /// <summary>Removes a subscription; false when there was none.</summary>
    public bool Delete(int shopIndex, string eventType) => _subscriptions.TryRemove((shopIndex, eventType), out _);

    /// <summary>A shop's subscriptions.</summary>
    public IReadOnlyList<Subscription> For(int shopIndex) =>
        _subscriptions.Where(s => s.Key.Shop == shopIndex).Select(s => s.Value).OrderBy(s => s.EventType, StringComparer.Ordinal).ToList();

    /// <summary>Where a webhook of <paramref name="type"/> for a shop goes, or null when nobody listens.</summary>
    public string? Target(int shopIndex, int type)
    {
        var name = EventTypes.FirstOrDefault(e => e.Value == type).Key;
        return name is not null && _subscriptions.TryGetValue((shopIndex, name), out var sub) ? sub.Address : settings.Value.WebhookUrl;
    }

    /// <summary>True when any shop may receive webhooks (so the change feed has work to do).</summary>
    public bool AnyTarget(int shopIndex) => settings.Value.WebhookUrl is not null || _subscriptions.Keys.Any(k => k.Shop == shopIndex);

    /// <summary>Shops with explicit subscriptions.</summary>
    public IEnumerable<int> SubscribedShops => _subscriptions.Keys.Select(k => k.Shop).Distinct();
}

/// <summary>One subscription.</summary>
public sealed record Subscription(string EventType, string Address, long CreateTime, long UpdateTime);
