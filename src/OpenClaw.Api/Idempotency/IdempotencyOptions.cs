using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Api.Idempotency;

/// <summary><c>Idempotency-Key</c> handling (section <c>Api:Idempotency</c>).</summary>
public sealed class IdempotencyOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Api:Idempotency";

    /// <summary>How long a first response is kept and replayed.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "7.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a request is considered in flight (a crashed replica's claim lapses after it). Longer than any request
    /// takes: the grain call budget, TikTok's onboarding calls, a 1,000-row import.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan InFlightLease { get; set; } = TimeSpan.FromMinutes(10);
}
