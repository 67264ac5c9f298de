namespace OpenClaw.TikTokShop.Resilience;

/// <summary>Settings of the in-process <see cref="TokenBucketRateBudget"/>.</summary>
public sealed class TokenBucketRateBudgetOptions
{
    /// <summary>Sustained requests per second per shop. TikTok allows 50 per API per app+shop; stay below it.</summary>
    public double PerShopPerSecond { get; set; } = 40;

    /// <summary>Bucket size (burst) per shop.</summary>
    public double Burst { get; set; } = 40;

    /// <summary>Pause after a rate-limit answer that carried no Retry-After.</summary>
    public TimeSpan DefaultPenalty { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Pause of every shop after a daily-quota answer (45101004) that carried no Retry-After. Default 2 h: customer
    /// documentation says TikTok pauses an app for 2 hours once it is over its daily quota.
    /// </summary>
    public TimeSpan QuotaPause { get; set; } = TimeSpan.FromHours(2);

    /// <summary>After a rate-limit answer the rate halves, then recovers by this fraction of the full rate per second.</summary>
    public double RecoveryPerSecond { get; set; } = 0.1;
}
