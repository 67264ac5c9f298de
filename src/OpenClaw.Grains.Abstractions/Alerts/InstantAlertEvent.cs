namespace OpenClaw.Grains.Alerts;

/// <summary>
/// Events that fire an alert at once, skipping the pending stage (issue 11 "Instant events"). The <c>event</c> label
/// carries the snake-case name from <see cref="InstantAlertEvents.KeyOf"/>.
/// </summary>
public enum InstantEventKind
{
    /// <summary>TikTok reported a new policy violation for the shop (one-shot; resolves after a while).</summary>
    PolicyViolation = 0,

    /// <summary>A listing failed TikTok's review (one-shot).</summary>
    ListingRejected = 1,

    /// <summary>TikTok deactivated a listing (one-shot).</summary>
    ListingDeactivated = 2,

    /// <summary>TikTok deactivated the shop (condition; cleared when the shop is active again).</summary>
    ShopDeactivated = 3,

    /// <summary>The refresh token was rejected (36004001/36004005): the seller must authorize again (condition).</summary>
    NeedsReauthorization = 4,

    /// <summary>The authorization or refresh token expires within 7 days (condition; cleared by a new grant).</summary>
    AuthorizationExpiring = 5,

    /// <summary>A sync domain made no progress for longer than its limit (condition).</summary>
    SyncStalled = 6,

    /// <summary>The app's daily TikTok call quota is nearly spent (condition; cleared at the quota reset).</summary>
    DailyQuotaNearlySpent = 7,
}

/// <summary>An instant event raised by the shop grain.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Subject">What it is about when a shop can have several at once (violation id, product id, sync domain); part of the fingerprint.</param>
/// <param name="Detail">Short plain-language detail for the message (no token, secret or buyer data).</param>
/// <param name="ExpiresAt">For <see cref="InstantEventKind.AuthorizationExpiring"/>: when the authorization expires (UTC).</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.InstantAlertEvent")]
public sealed record InstantAlertEvent(
    [property: Id(0)] InstantEventKind Kind,
    [property: Id(1)] string? Subject = null,
    [property: Id(2)] string? Detail = null,
    [property: Id(3)] DateTimeOffset? ExpiresAt = null);

/// <summary>Names, severities and lifetimes of <see cref="InstantEventKind"/>.</summary>
public static class InstantAlertEvents
{
    /// <summary>Prefix of the rule id of an event alert: <c>event.policy_violation</c>.</summary>
    public const string RulePrefix = "event.";

    /// <summary>Snake-case name of <paramref name="kind"/>, e.g. <c>needs_reauthorization</c>.</summary>
    public static string KeyOf(InstantEventKind kind) => kind switch
    {
        InstantEventKind.PolicyViolation => "policy_violation",
        InstantEventKind.ListingRejected => "listing_rejected",
        InstantEventKind.ListingDeactivated => "listing_deactivated",
        InstantEventKind.ShopDeactivated => "shop_deactivated",
        InstantEventKind.NeedsReauthorization => "needs_reauthorization",
        InstantEventKind.AuthorizationExpiring => "authorization_expiring",
        InstantEventKind.SyncStalled => "sync_stalled",
        InstantEventKind.DailyQuotaNearlySpent => "daily_quota_nearly_spent",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown event kind"),
    };

    /// <summary>Rule id of the alert an event raises, e.g. <c>event.sync_stalled</c>.</summary>
    public static string RuleIdOf(InstantEventKind kind) => RulePrefix + KeyOf(kind);

    /// <summary>Default severity: shop deactivated, needs re-authorization and sync stalled are critical; the rest warnings.</summary>
    public static AlertSeverity SeverityOf(InstantEventKind kind) => kind switch
    {
        InstantEventKind.ShopDeactivated or InstantEventKind.NeedsReauthorization or InstantEventKind.SyncStalled => AlertSeverity.Critical,
        _ => AlertSeverity.Warning,
    };

    /// <summary>True for events that happen once (violation, listing rejected or deactivated): they resolve by time, not by a clear.</summary>
    public static bool IsOneShot(InstantEventKind kind) =>
        kind is InstantEventKind.PolicyViolation or InstantEventKind.ListingRejected or InstantEventKind.ListingDeactivated;

    /// <summary>The <c>category</c> label of <paramref name="kind"/> (inhibition targets categories).</summary>
    public static string CategoryOf(InstantEventKind kind) => kind switch
    {
        InstantEventKind.PolicyViolation or InstantEventKind.ListingRejected or InstantEventKind.ListingDeactivated => AlertMetrics.ListingCategory,
        InstantEventKind.ShopDeactivated => AlertMetrics.ShopCategory,
        InstantEventKind.NeedsReauthorization or InstantEventKind.AuthorizationExpiring => AlertMetrics.AuthCategory,
        _ => AlertMetrics.SyncCategory,
    };
}
