using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Api.RateLimiting;

/// <summary>
/// Per-caller token buckets (section <c>Api:RateLimit</c>). Each API key has its own bucket (the bootstrap key too); the
/// webhook ingress shares one bucket of its own; unauthenticated requests are bucketed by client address. Buckets are
/// per API replica: with N replicas behind a balancer a key gets up to N times the rate.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Api:RateLimit";

    /// <summary>Requests a key may make per second, sustained.</summary>
    [Range(1, 100_000)]
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Requests a key may make at once after being idle (the bucket's size).</summary>
    [Range(1, 100_000)]
    public int Burst { get; set; } = 200;

    /// <summary>Webhook deliveries accepted per second (all of TikTok's together).</summary>
    [Range(1, 100_000)]
    public int WebhookPermitsPerSecond { get; set; } = 500;

    /// <summary>Webhook deliveries accepted at once.</summary>
    [Range(1, 100_000)]
    public int WebhookBurst { get; set; } = 1000;
}
