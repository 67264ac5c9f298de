namespace OpenClaw.Grains.Shops;

/// <summary>What a <see cref="ShopEvent"/> reports (instant alert causes, issue 11).</summary>
public enum ShopEventKind
{
    /// <summary>TikTok refused the refresh token (36004001/36004005): the seller must authorize again.</summary>
    NeedsReauthorization = 0,

    /// <summary>The refresh token expires soon.</summary>
    RefreshTokenExpiring = 1,

    /// <summary>The authorization expires soon (webhook 7).</summary>
    AuthorizationExpiring = 2,

    /// <summary>The seller deauthorized the app (webhook 6).</summary>
    Deauthorized = 3,

    /// <summary>TikTok answered 36009043/36009044: shop or seller deactivated.</summary>
    ShopDeactivated = 4,
}

/// <summary>Something about a shop an operator must hear about; carries no token or buyer data.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="At">When OpenClaw noticed (UTC).</param>
/// <param name="ExpiresAt">The expiry a warning is about (UTC), for the expiring kinds.</param>
/// <param name="ErrorCode">TikTok's code that caused it, when one did.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.ShopEvent")]
public sealed record ShopEvent(
    [property: Id(0)] ShopEventKind Kind,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] DateTimeOffset? ExpiresAt = null,
    [property: Id(3)] int? ErrorCode = null);
