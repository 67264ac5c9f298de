namespace OpenClaw.Grains.Alerts;

/// <summary>The routing a new tenant starts with.</summary>
public static class AlertRoutingDefaults
{
    /// <summary>
    /// Inhibition that ships by default: a shop that needs re-authorization mutes that shop's <c>sync</c> alerts (sync
    /// lag, API errors, stalled sync, quota) — they are symptoms of the lost token; a deactivated shop mutes every other
    /// alert of that shop.
    /// </summary>
    public static IReadOnlyList<InhibitRule> InhibitRules { get; } =
    [
        new([new(AlertLabels.Event, MatchOperator.Equal, InstantAlertEvents.KeyOf(InstantEventKind.NeedsReauthorization))],
            [new(AlertLabels.Category, MatchOperator.Equal, AlertMetrics.SyncCategory)],
            [AlertLabels.Tenant, AlertLabels.Shop]),
        new([new(AlertLabels.Event, MatchOperator.Equal, InstantAlertEvents.KeyOf(InstantEventKind.ShopDeactivated))],
            [new(AlertLabels.Event, MatchOperator.NotEqual, InstantAlertEvents.KeyOf(InstantEventKind.ShopDeactivated))],
            [AlertLabels.Tenant, AlertLabels.Shop]),
    ];

    /// <summary>One route sending every alert to <paramref name="channelIds"/> with Alertmanager's default timings, plus the default inhibition.</summary>
    public static AlertRoutingPolicy Create(IReadOnlyList<string> channelIds) =>
        new([new AlertRoute([], channelIds)], [], [], InhibitRules);
}
