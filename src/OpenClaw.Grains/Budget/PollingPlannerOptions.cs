using Microsoft.Extensions.Options;

namespace OpenClaw.Grains.Budget;

/// <summary>Settings of <see cref="PollingPlanner"/>, bound from <c>RateBudget:Polling</c> and validated at start.</summary>
public sealed class PollingPlannerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = RateBudgetOptions.SectionName + ":Polling";

    /// <summary>No shop is polled more often than this, however much quota is left. Default 1 min.</summary>
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Share of the remaining quota the plan spends on scheduled polling; the rest stays for webhook-triggered syncs,
    /// retries and backfill. 0 … 1 (exclusive of 0); default 0.8.
    /// </summary>
    public double PollingShare { get; set; } = 0.8;

    /// <summary>
    /// Weight of a shop whose changes arrive by webhook (polling is then only a safety net), relative to an uncovered
    /// shop with the same activity. 0 … 1 (exclusive of 0); default 0.25.
    /// </summary>
    public double WebhookCoveredWeight { get; set; } = 0.25;

    /// <summary>Activity (changes per hour) assumed at least for every shop, so a dormant shop is still polled. Default 0.5/h.</summary>
    public double DormantChangesPerHour { get; set; } = 0.5;

    /// <summary>
    /// Deferrable work (tracking of final packages found by incremental sync) runs at incremental priority only while the
    /// day's forecast of calls still to come (recent rate × time left) stays within this share of the quota left; above
    /// it the work waits at backfill priority, which the budget paces. 0 … 1 (exclusive of 0); default 0.9: a plan spends
    /// <see cref="PollingShare"/> (0.8) of what is left, so deferrable work stops when the app spends faster than planned.
    /// </summary>
    public double DeferrableQuotaShare { get; set; } = 0.9;
}

/// <summary>Checks <see cref="PollingPlannerOptions"/>; failures name the key (<c>RateBudget:Polling:MinimumInterval: …</c>).</summary>
public sealed class PollingPlannerOptionsValidator : IValidateOptions<PollingPlannerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PollingPlannerOptions options)
    {
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The failures of <paramref name="options"/>, each starting with its key; empty when valid.</summary>
    public static IReadOnlyList<string> Failures(PollingPlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = PollingPlannerOptions.SectionName;
        if (options.MinimumInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(options.MinimumInterval)}: must be positive (e.g. 00:01:00)");
        }

        if (options.PollingShare is not (> 0 and <= 1))
        {
            failures.Add($"{Section}:{nameof(options.PollingShare)}: must be above 0 and at most 1 (a share of the remaining quota)");
        }

        if (options.WebhookCoveredWeight is not (> 0 and <= 1))
        {
            failures.Add($"{Section}:{nameof(options.WebhookCoveredWeight)}: must be above 0 and at most 1");
        }

        if (options.DeferrableQuotaShare is not (> 0 and <= 1))
        {
            failures.Add($"{Section}:{nameof(options.DeferrableQuotaShare)}: must be above 0 and at most 1 (a share of the daily quota)");
        }

        if (options.DormantChangesPerHour is not > 0)
        {
            failures.Add($"{Section}:{nameof(options.DormantChangesPerHour)}: must be greater than 0 (changes per hour)");
        }

        return failures;
    }
}
