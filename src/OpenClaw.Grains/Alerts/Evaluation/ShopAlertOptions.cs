using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Grains.Alerts.Evaluation;

/// <summary>How shop grains evaluate alerts, bound from the <c>Alerts</c> configuration section and validated at start.</summary>
public sealed class ShopAlertOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Alerts";

    /// <summary>Period of each shop's metric evaluation timer (also re-reads the tenant's rules). Default 1 min.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed runs in a row after which a domain may count as stalled. Default 3.</summary>
    public int SyncStalledFailures { get; set; } = 3;

    /// <summary>How long a failing domain must have gone without success to count as stalled. Default 30 min.</summary>
    public TimeSpan SyncStalledAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Share of the app's daily quota used at which "daily quota nearly spent" fires. Default 0.9.</summary>
    public double QuotaNearlySpentShare { get; set; } = 0.9;

    /// <summary>How far ahead an authorization or refresh-token expiry raises "authorization expiring". Default 7 days.</summary>
    public TimeSpan AuthorizationExpiryWarning { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Lifetimes and bounds of each shop's alert book.</summary>
    public AlertBookOptions Book { get; set; } = new();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EvaluationInterval < TimeSpan.FromMilliseconds(100) || EvaluationInterval > TimeSpan.FromHours(1))
        {
            yield return new("must be between 100 ms and 1 hour", [nameof(EvaluationInterval)]);
        }

        if (SyncStalledFailures < 1) yield return new("must be at least 1", [nameof(SyncStalledFailures)]);
        if (SyncStalledAfter <= TimeSpan.Zero) yield return new("must be positive", [nameof(SyncStalledAfter)]);
        if (QuotaNearlySpentShare is <= 0 or > 1) yield return new("must be above 0 and at most 1", [nameof(QuotaNearlySpentShare)]);
        if (AuthorizationExpiryWarning <= TimeSpan.Zero) yield return new("must be positive", [nameof(AuthorizationExpiryWarning)]);
        string? bookProblem = null;
        try
        {
            Book.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            bookProblem = ex.Message;
        }

        if (bookProblem is not null) yield return new(bookProblem, [nameof(Book)]);
    }
}
