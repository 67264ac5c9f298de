using System.Diagnostics.Metrics;

namespace OpenClaw.Api.Webhooks;

/// <summary>
/// Webhook counters on meter <c>OpenClaw.Api</c> (exported with every <c>OpenClaw.*</c> meter): instrument
/// <c>openclaw.api.webhooks</c> tagged with <c>outcome</c> and the webhook <c>type</c>. Never a shop id, signature or secret.
/// </summary>
public sealed class WebhookMetrics
{
    /// <summary>Meter name.</summary>
    public const string MeterName = "OpenClaw.Api";

    /// <summary>Accepted into the inbox.</summary>
    public const string Accepted = "accepted";

    /// <summary>A <c>tts_notification_id</c> already seen (TikTok's retry, or a duplicate).</summary>
    public const string Duplicate = "duplicate";

    /// <summary>A type OpenClaw does not act on, or a handled type without the id it needs; answered 200.</summary>
    public const string Ignored = "ignored";

    /// <summary>Signature missing or wrong (401).</summary>
    public const string BadSignature = "bad_signature";

    /// <summary>Not a usable webhook envelope (400) or too large (413).</summary>
    public const string Malformed = "malformed";

    /// <summary>Handed to the shop grain.</summary>
    public const string Delivered = "delivered";

    /// <summary>The shop grain call failed; retried later.</summary>
    public const string Retried = "retried";

    /// <summary>Given up after the retry budget; kept in the dead-letter list.</summary>
    public const string DeadLettered = "dead_lettered";

    /// <summary>For a shop OpenClaw does not have connected; dropped.</summary>
    public const string UnknownShop = "unknown_shop";

    private readonly Counter<long> _webhooks;

    /// <summary>Creates the instruments from the host's meter factory.</summary>
    public WebhookMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _webhooks = meters.Create(MeterName).CreateCounter<long>("openclaw.api.webhooks", "{webhook}", "TikTok webhooks by outcome and type.");
    }

    /// <summary>Counts one webhook with <paramref name="outcome"/> (type 0 when unreadable).</summary>
    public void Count(string outcome, int type = 0) =>
        _webhooks.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("type", type));
}
