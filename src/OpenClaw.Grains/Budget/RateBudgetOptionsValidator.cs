using Microsoft.Extensions.Options;
using static OpenClaw.Grains.Budget.RateBudgetOptions;

namespace OpenClaw.Grains.Budget;

/// <summary>
/// Checks <see cref="RateBudgetOptions"/> at start. Every failure names the full configuration key
/// (<c>RateBudget:PerShopPerSecond: …</c>) because that is what an operator has to fix.
/// </summary>
public sealed class RateBudgetOptionsValidator : IValidateOptions<RateBudgetOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RateBudgetOptions options)
    {
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The failures of <paramref name="options"/>, each starting with its key; empty when valid.</summary>
    public static IReadOnlyList<string> Failures(RateBudgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        void Check(bool ok, string member, string problem)
        {
            if (!ok)
            {
                failures.Add($"{SectionName}:{member}: {problem}");
            }
        }

        var appKey = options.AppKey ?? "";
        Check(!string.IsNullOrWhiteSpace(appKey), nameof(options.AppKey), "required (the TikTok app key the budget belongs to)");
        Check(appKey.Length <= 64 && !appKey.Any(c => c is '{' or '}' || char.IsWhiteSpace(c)), nameof(options.AppKey),
            "at most 64 characters, without '{', '}' or whitespace (it names the Redis keys)");
        Check(options.PerAppPerSecond > 0, nameof(options.PerAppPerSecond), "must be greater than 0 (requests per second)");
        Check(options.PerShopPerSecond is > 0 and <= TikTokPerShopPerSecondLimit, nameof(options.PerShopPerSecond),
            $"must be greater than 0 and at most {TikTokPerShopPerSecondLimit} (TikTok's limit per API per app + shop)");
        Check(options.BurstSeconds > 0, nameof(options.BurstSeconds), "must be greater than 0 (seconds)");
        Check(options.DailyQuota > 0, nameof(options.DailyQuota), "must be greater than 0 (calls per quota day)");
        Check(TryFindTimeZone(options.QuotaDayTimeZone, out _), nameof(options.QuotaDayTimeZone),
            $"'{options.QuotaDayTimeZone}' is not a known time zone (use an IANA id such as Asia/Shanghai, or UTC)");
        Check(options.QuotaPause > TimeSpan.Zero, nameof(options.QuotaPause), "must be positive (e.g. 02:00:00)");
        Check(options.RateLimitPause > TimeSpan.Zero, nameof(options.RateLimitPause), "must be positive (e.g. 00:00:01)");
        Check(options.MaxPauseWait >= TimeSpan.Zero, nameof(options.MaxPauseWait), "must not be negative");
        Check(options.SyncMaxWait >= TimeSpan.Zero, nameof(options.SyncMaxWait), "must not be negative");
        Check(options.RecoveryPerSecond > 0, nameof(options.RecoveryPerSecond), "must be greater than 0 (share of the rate per second)");
        Check(options.AppSlowdownAfter >= 1, nameof(options.AppSlowdownAfter), "must be at least 1");
        Check(options.AppSlowdownWindow > TimeSpan.Zero, nameof(options.AppSlowdownWindow), "must be positive");
        Check(options.RecentRateWindow >= TimeSpan.FromMinutes(1) && options.RecentRateWindow <= TimeSpan.FromMinutes(120),
            nameof(options.RecentRateWindow), "must be between 00:01:00 and 02:00:00");

        CheckReserves(Check, "Rate", options.WebhookRateReserve, options.IncrementalRateReserve, options.BackfillRateReserve);
        CheckReserves(Check, "Quota", options.WebhookQuotaReserve, options.IncrementalQuotaReserve, options.BackfillQuotaReserve);
        Check(options.BackfillPaceHeadStart is >= 0 and <= 1, nameof(options.BackfillPaceHeadStart), "must be between 0 and 1 (a share of backfill's part of the quota)");

        // The backfill reserve is the largest: a bucket must hold 1 + reserve × size tokens for backfill ever to pass.
        var largest = Math.Clamp(options.BackfillRateReserve, 0, 0.99);
        Check(!(options.PerAppPerSecond > 0) || options.PerAppPerSecond * options.BurstSeconds * (1 - largest) >= 1, nameof(options.BurstSeconds),
            $"PerAppPerSecond × BurstSeconds × (1 − BackfillRateReserve) must be at least 1 request, or backfill could never be granted");
        Check(!(options.PerShopPerSecond > 0) || options.PerShopPerSecond * options.BurstSeconds * (1 - largest) >= 1, nameof(options.BurstSeconds),
            $"PerShopPerSecond × BurstSeconds × (1 − BackfillRateReserve) must be at least 1 request, or backfill could never be granted");
        return failures;
    }

    /// <summary>Finds a time zone by IANA (or Windows) id; false when unknown.</summary>
    public static bool TryFindTimeZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    private static void CheckReserves(Action<bool, string, string> check, string kind, double webhook, double incremental, double backfill)
    {
        foreach (var (value, member) in new[] { (webhook, $"Webhook{kind}Reserve"), (incremental, $"Incremental{kind}Reserve"), (backfill, $"Backfill{kind}Reserve") })
        {
            check(value is >= 0 and < 1, member, "must be at least 0 and below 1 (a share)");
        }

        check(webhook <= incremental && incremental <= backfill, $"Backfill{kind}Reserve",
            $"reserves must not shrink with priority: Webhook{kind}Reserve ≤ Incremental{kind}Reserve ≤ Backfill{kind}Reserve");
    }
}
