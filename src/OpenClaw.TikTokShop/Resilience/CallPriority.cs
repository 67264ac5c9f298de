namespace OpenClaw.TikTokShop.Resilience;

/// <summary>Who gets the shop's request budget first (highest first).</summary>
public enum CallPriority
{
    /// <summary>Keeping the token alive beats everything.</summary>
    TokenRefresh = 0,

    /// <summary>A sync triggered by a webhook (a seller is waiting for the alert).</summary>
    Webhook = 1,

    /// <summary>Regular incremental sync.</summary>
    Incremental = 2,

    /// <summary>Historical backfill: only what is left over.</summary>
    Backfill = 3,
}
