using System.Globalization;

namespace OpenClaw.Grains.Alerts;

/// <summary>
/// Routes a tenant's alert changes to channels the way Alertmanager's dispatcher does
/// (https://prometheus.io/docs/alerting/latest/configuration/#route):
/// <list type="bullet">
/// <item>each alert goes to the first matching route (and on while a route says <c>continue</c>), into the group named
/// by the route's <c>group_by</c> label values;</item>
/// <item>a new group waits <c>group_wait</c> before its first notification so alerts firing together arrive together;
/// after that the group is flushed every <c>group_interval</c>;</item>
/// <item>at a flush, silenced and inhibited alerts are left out, and nothing is sent while a route's mute window is
/// active; a notification goes out only when the firing set holds an alert not notified before, when all alerts have
/// resolved, when (with <c>send_resolved</c>) alerts resolved since the last notification, or when
/// <c>repeat_interval</c> has passed since it (Alertmanager's notification-log dedup, <c>DedupStage.needsUpdate</c>);
/// so the effective repeat is a multiple of <c>group_interval</c>;</item>
/// <item>resolved alerts leave the group after a flush; an empty group is removed.</item>
/// </list>
/// Pure class on <see cref="TimeProvider"/>: call <see cref="Receive"/> with the alert books' notifications and
/// <see cref="Flush"/> at <see cref="NextFlushAt"/>; persist <see cref="State"/>. Not thread-safe (one grain turn at a time).
/// </summary>
public sealed class AlertRouter
{
    private readonly string _tenantId;
    private readonly TimeProvider _time;

    /// <summary>Creates the router over <paramref name="state"/>, which it mutates in place.</summary>
    public AlertRouter(string tenantId, AlertRoutingPolicy policy, AlertRouterState state, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        _tenantId = tenantId;
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        State = state ?? throw new ArgumentNullException(nameof(state));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The routing configuration; replace it when the tenant edits routes, silences or windows.</summary>
    public AlertRoutingPolicy Policy { get; set; }

    /// <summary>The state to persist.</summary>
    public AlertRouterState State { get; }

    /// <summary>When the next group is due to flush (UTC); null without groups.</summary>
    public DateTimeOffset? NextFlushAt => State.Groups.Count == 0 ? null : State.Groups.Values.Min(g => g.NextFlushAt);

    /// <summary>Takes an alert change (firing or resolved) into its routes' groups.</summary>
    public void Receive(AlertNotification alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Status is not (AlertStatus.Firing or AlertStatus.Resolved))
        {
            return;
        }

        var now = _time.GetUtcNow();
        for (var i = 0; i < Policy.Routes.Count; i++)
        {
            var route = Policy.Routes[i];
            if (!LabelMatching.MatchesAll(route.Matchers, alert.Labels))
            {
                continue;
            }

            var groupLabels = (route.GroupBy ?? AlertRoute.DefaultGroupBy)
                .ToDictionary(name => name, name => alert.Labels.GetValueOrDefault(name, ""), StringComparer.Ordinal);
            var key = i.ToString(CultureInfo.InvariantCulture) + ":" + string.Join(",",
                groupLabels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
            if (!State.Groups.TryGetValue(key, out var group))
            {
                group = new AlertGroupState
                {
                    Key = key,
                    RouteIndex = i,
                    GroupLabels = groupLabels,
                    NextFlushAt = now + (route.GroupWait ?? AlertRoute.DefaultGroupWait),
                };
                State.Groups[key] = group;
            }

            group.Alerts[alert.Fingerprint] = alert;
            if (!route.Continue)
            {
                break;
            }
        }
    }

    /// <summary>Flushes every group that is due and returns the notifications to deliver, one per route channel.</summary>
    public IReadOnlyList<RoutedNotification> Flush()
    {
        var now = _time.GetUtcNow();
        var sent = new List<RoutedNotification>();
        foreach (var group in State.Groups.Values.Where(g => g.NextFlushAt <= now).OrderBy(g => g.NextFlushAt).ThenBy(g => g.Key, StringComparer.Ordinal).ToList())
        {
            if (group.RouteIndex >= Policy.Routes.Count)
            {
                State.Groups.Remove(group.Key); // the route was deleted
                continue;
            }

            var route = Policy.Routes[group.RouteIndex];
            group.NextFlushAt = now + (route.GroupInterval ?? AlertRoute.DefaultGroupInterval);
            var flushed = group.Alerts.Values.ToList();
            if (!IsRouteMuted(route, now))
            {
                sent.AddRange(Notify(group, route, flushed, now));
            }

            // Resolved alerts leave the group once flushed, unless they changed meanwhile (Alertmanager deletes them the same way).
            foreach (var resolved in flushed.Where(a => a.Status == AlertStatus.Resolved))
            {
                if (group.Alerts.TryGetValue(resolved.Fingerprint, out var current) && ReferenceEquals(current, resolved))
                {
                    group.Alerts.Remove(resolved.Fingerprint);
                }
            }

            if (group.Alerts.Count == 0)
            {
                State.Groups.Remove(group.Key);
            }
        }

        return sent;
    }

    /// <summary>True when an active silence matches <paramref name="labels"/> at <paramref name="at"/>.</summary>
    public bool IsSilenced(IReadOnlyDictionary<string, string> labels, DateTimeOffset at) =>
        Policy.Silences.Any(s => s.StartsAt <= at && at < s.EndsAt && s.Matchers.Count > 0 && LabelMatching.MatchesAll(s.Matchers, labels));

    /// <summary>
    /// True when a firing alert known to the router matches an inhibition rule's source for <paramref name="target"/>:
    /// the target matches the rule's target matchers and every <c>equal</c> label has the same value on both. An alert
    /// never inhibits itself.
    /// </summary>
    public bool IsInhibited(AlertNotification target)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var rule in Policy.InhibitRules.Where(r => LabelMatching.MatchesAll(r.TargetMatchers, target.Labels)))
        {
            var inhibited = State.Groups.Values.SelectMany(g => g.Alerts.Values).Any(source =>
                source.Status == AlertStatus.Firing
                && !string.Equals(source.Fingerprint, target.Fingerprint, StringComparison.Ordinal)
                && LabelMatching.MatchesAll(rule.SourceMatchers, source.Labels)
                && rule.Equal.All(name => string.Equals(source.Labels.GetValueOrDefault(name, ""), target.Labels.GetValueOrDefault(name, ""), StringComparison.Ordinal)));
            if (inhibited)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsRouteMuted(AlertRoute route, DateTimeOffset now) =>
        (route.MuteTimeIntervals ?? []).Any(name =>
            Policy.MuteTimeIntervals.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal)) is { } window
            && MuteTimeWindows.IsActive(window, now));

    private List<RoutedNotification> Notify(AlertGroupState group, AlertRoute route, List<AlertNotification> alerts, DateTimeOffset now)
    {
        var visible = alerts.Where(a => !IsSilenced(a.Labels, now) && !IsInhibited(a)).ToList();
        var firing = visible.Where(a => a.Status == AlertStatus.Firing).OrderBy(a => a.FiredAt).ThenBy(a => a.Fingerprint, StringComparer.Ordinal).ToList();
        var resolved = visible.Where(a => a.Status == AlertStatus.Resolved).OrderBy(a => a.EndsAt).ThenBy(a => a.Fingerprint, StringComparer.Ordinal).ToList();
        if (visible.Count == 0 || !NeedsUpdate(group, firing, resolved, route, now))
        {
            return [];
        }

        group.NotifiedFiring = firing.Select(a => a.Fingerprint).ToList();
        group.NotifiedResolved = resolved.Select(a => a.Fingerprint).ToList();
        group.LastNotifiedAt = now;
        group.Sequence++;
        var resolvedToSend = route.SendResolved ? resolved : [];
        if (firing.Count == 0 && resolvedToSend.Count == 0)
        {
            return []; // all resolved, receiver does not want resolved notifications: the log is cleared, nothing is sent
        }

        // The id names the content and the flush, never the sequence alone: a group removed and created again starts
        // its sequence anew, and an id reused within the outbox's delivered-id retention would be refused as a duplicate.
        var sequence = group.Sequence.ToString(CultureInfo.InvariantCulture);
        var at = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var content = string.Join(",", firing.Concat(resolvedToSend).Select(a => a.Id));
        return route.ChannelIds.Select(channel => new RoutedNotification(
            AlertFingerprint.IdOf("routed", _tenantId, group.Key, channel, sequence, at, content), _tenantId, channel, group.Key,
            new Dictionary<string, string>(group.GroupLabels, StringComparer.Ordinal), firing, resolvedToSend, now)).ToList();
    }

    // Alertmanager notify.go DedupStage.needsUpdate, on our notification log.
    private static bool NeedsUpdate(AlertGroupState group, List<AlertNotification> firing, List<AlertNotification> resolved, AlertRoute route, DateTimeOffset now)
    {
        if (group.LastNotifiedAt is not { } last)
        {
            return firing.Count > 0; // never notified: only firing alerts are worth a first message
        }

        var notifiedFiring = group.NotifiedFiring.ToHashSet(StringComparer.Ordinal);
        if (firing.Any(a => !notifiedFiring.Contains(a.Fingerprint)))
        {
            return true; // a new alert is firing
        }

        if (firing.Count == 0)
        {
            return notifiedFiring.Count > 0; // everything resolved since the last message
        }

        var notifiedResolved = group.NotifiedResolved.ToHashSet(StringComparer.Ordinal);
        if (route.SendResolved && resolved.Any(a => !notifiedResolved.Contains(a.Fingerprint)))
        {
            return true;
        }

        return now - last >= (route.RepeatInterval ?? AlertRoute.DefaultRepeatInterval);
    }
}
