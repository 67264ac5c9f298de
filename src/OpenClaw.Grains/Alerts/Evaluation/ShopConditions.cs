using System.Globalization;
using OpenClaw.Grains.Budget;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;

namespace OpenClaw.Grains.Alerts.Evaluation;

/// <summary>Whether the condition behind an instant event holds now (raise it) or not (clear it).</summary>
/// <param name="Kind">The event.</param>
/// <param name="Subject">What it is about (a sync domain), or null.</param>
/// <param name="Holds">True: raise (a firing alert only refreshes its detail); false: clear.</param>
/// <param name="Detail">Short detail for the message (codes, dates; never a token).</param>
/// <param name="ExpiresAt">For authorization expiry: when it expires.</param>
public sealed record ConditionState(InstantEventKind Kind, string? Subject, bool Holds, string? Detail = null, DateTimeOffset? ExpiresAt = null)
{
    /// <summary>The event to raise.</summary>
    public InstantAlertEvent ToEvent() => new(Kind, Subject, Detail, ExpiresAt);
}

/// <summary>
/// The shop's condition events, derived from what the grain already knows (its sync report and the app's budget
/// usage), so every path that changes them — a refresh refused, webhook 6 or 7, 36009043/44, a new grant, a domain
/// failing, the quota day — is covered by evaluating after it: needs re-authorization, shop deactivated,
/// authorization expiring within the warning, a sync domain stalled, the daily quota nearly spent.
/// </summary>
public static class ShopConditions
{
    /// <summary>Every condition's state for a shop; <paramref name="usage"/> null leaves the quota condition as it is.</summary>
    public static IReadOnlyList<ConditionState> Evaluate(ShopSyncReport report, RateBudgetUsage? usage, ShopAlertOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        var status = report.Shop.Status;
        var connected = status is not (ShopStatus.NotConnected or ShopStatus.Disconnected);
        var reason = report.Shop.StatusReason;
        var states = new List<ConditionState>
        {
            new(InstantEventKind.NeedsReauthorization, null, status == ShopStatus.NeedsReauthorization, reason),
            new(InstantEventKind.ShopDeactivated, null, status == ShopStatus.Deactivated, reason),
            Expiring(report, options, now, connected && status != ShopStatus.NeedsReauthorization),
        };

        var syncing = status == ShopStatus.Active && report.Token.Status == "Valid";
        foreach (var domain in report.Domains)
        {
            var since = domain.LastSuccessAt ?? report.Shop.ConnectedAt ?? now;
            var stalled = syncing && domain.ConsecutiveFailures >= options.SyncStalledFailures && now - since >= options.SyncStalledAfter;
            states.Add(new(InstantEventKind.SyncStalled, SubjectOf(domain.Domain), stalled, stalled ? domain.LastError : null));
        }

        if (usage is not null)
        {
            var spent = connected && usage.DailyQuota > 0
                && (usage.PausedUntil is not null || usage.UsedToday >= options.QuotaNearlySpentShare * usage.DailyQuota);
            var detail = string.Create(CultureInfo.InvariantCulture, $"{usage.UsedToday} / {usage.DailyQuota} ({usage.Day:yyyy-MM-dd})");
            states.Add(new(InstantEventKind.DailyQuotaNearlySpent, null, spent, spent ? detail : null));
        }

        return states;
    }

    /// <summary>The <c>subject</c> of a domain's stalled alert, e.g. <c>orders</c>.</summary>
    public static string SubjectOf(SyncDomain domain) => domain.ToString().ToLowerInvariant();

    private static ConditionState Expiring(ShopSyncReport report, ShopAlertOptions options, DateTimeOffset now, bool applies)
    {
        var expiry = new[] { report.Token.AuthorizationExpiresAt, report.Token.RefreshTokenExpiresAt }.OfType<DateTimeOffset>()
            .Where(e => e > now).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        var holds = applies && expiry != DateTimeOffset.MaxValue && expiry - now <= options.AuthorizationExpiryWarning;
        return holds
            ? new(InstantEventKind.AuthorizationExpiring, null, true, expiry.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture), expiry)
            : new(InstantEventKind.AuthorizationExpiring, null, false);
    }
}
