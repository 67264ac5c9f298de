namespace OpenClaw.TikTokShop.Events;

/// <summary>A webhook subscription of the shop. The contract gives <c>{address, event_type}</c>; event types are strings here (unconfirmed).</summary>
public sealed record WebhookSubscription(string Address, string EventType);

/// <summary><c>data</c> of the subscription list.</summary>
public sealed record WebhookSubscriptionsData(IReadOnlyList<WebhookSubscription>? Webhooks = null);

internal sealed record WebhookUpdateBody(string Address, string EventType);

internal sealed record WebhookDeleteBody(string EventType);
