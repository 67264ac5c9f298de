using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Api.Webhooks;

/// <summary>The TikTok webhook ingress and its inbox (section <c>Api:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Api:Webhooks";

    /// <summary>How long a <c>tts_notification_id</c> is remembered: TikTok's last retry comes 12 h after the first try (contract §6).</summary>
    [Range(typeof(TimeSpan), "13:00:00", "7.00:00:00")]
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Largest body accepted, in bytes (TikTok's payloads are a few hundred bytes); larger → 413.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long a claimed event is held by one API replica before another may take it (its holder crashed).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Delay after the first failed hand-off to the shop grain; doubles per attempt up to <see cref="BackoffMax"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between hand-off attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An event is dead-lettered only after this many attempts and <see cref="MinRetryAge"/> both.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 50;

    /// <summary>An event is retried for at least this long before it may be dead-lettered.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MinRetryAge { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Dead letters kept (<c>oc:{webhooks}:dead</c>, newest first).</summary>
    [Range(1, 100_000)]
    public int DeadLetterMax { get; set; } = 1000;

    /// <summary>How often an idle dispatcher looks for due events (an accepted event wakes it sooner: <see cref="WebhookInbox.Arrivals"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
