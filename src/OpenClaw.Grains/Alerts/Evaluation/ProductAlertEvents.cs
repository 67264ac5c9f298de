using OpenClaw.Grains.Entities;

namespace OpenClaw.Grains.Alerts.Evaluation;

/// <summary>
/// Listing events from product versions the shop grain stores (metrics contract "violations"): a product that newly
/// became <c>PLATFORM_DEACTIVATED</c> raises "listing deactivated", <c>FREEZE</c> "policy violation", audit
/// <c>FAILED</c> "listing rejected" — each with the product id as subject, so products alert separately. "Newly" means
/// the version stored before did not already say so; a product seen for the first time counts as new, so the caller
/// leaves backfill pages out (history at onboarding is not news).
/// </summary>
public static class ProductAlertEvents
{
    /// <summary>TikTok's status of a listing the platform deactivated.</summary>
    public const string PlatformDeactivated = "PLATFORM_DEACTIVATED";

    /// <summary>TikTok's status of a frozen listing.</summary>
    public const string Frozen = "FREEZE";

    /// <summary>TikTok's audit status of a rejected listing.</summary>
    public const string AuditFailed = "FAILED";

    /// <summary>The events <paramref name="current"/> raises against <paramref name="previous"/> (null when not stored before).</summary>
    public static IEnumerable<InstantAlertEvent> Of(StoredProduct current, StoredProduct? previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        var name = $"{current.Title} ({current.Id})";
        if (current.Status == PlatformDeactivated && previous?.Status != PlatformDeactivated)
        {
            yield return new InstantAlertEvent(InstantEventKind.ListingDeactivated, current.Id, name);
        }

        if (current.Status == Frozen && previous?.Status != Frozen)
        {
            yield return new InstantAlertEvent(InstantEventKind.PolicyViolation, current.Id, name);
        }

        if (current.AuditStatus == AuditFailed && previous?.AuditStatus != AuditFailed)
        {
            var reasons = current.AuditFailedReasons.Count > 0 ? ": " + string.Join("; ", current.AuditFailedReasons) : "";
            yield return new InstantAlertEvent(InstantEventKind.ListingRejected, current.Id, Truncate(name + reasons, 300));
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
