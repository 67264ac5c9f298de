namespace OpenClaw.Grains.Alerts;

/// <summary>Checks a tenant's routing configuration before it is stored; errors are keyed by field path for a validation problem.</summary>
public static class AlertRoutingValidator
{
    /// <summary>Errors of <paramref name="policy"/>; empty when valid. <paramref name="knownChannelIds"/> are the tenant's channels.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(AlertRoutingPolicy policy, IReadOnlySet<string> knownChannelIds)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(knownChannelIds);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var windows = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < policy.MuteTimeIntervals.Count; i++)
        {
            var window = policy.MuteTimeIntervals[i];
            if (MuteTimeWindows.Problem(window) is { } problem)
            {
                errors[$"muteTimeIntervals[{i}]"] = [problem];
            }
            else if (!windows.Add(window.Name))
            {
                errors[$"muteTimeIntervals[{i}].name"] = [$"mute time interval name '{window.Name}' is used twice"];
            }
        }

        if (policy.Routes.Count == 0)
        {
            errors["routes"] = ["at least one route is needed, or no alert is ever sent"];
        }

        for (var i = 0; i < policy.Routes.Count; i++)
        {
            var route = policy.Routes[i];
            var problems = new List<string>();
            problems.AddRange(route.Matchers.Select(LabelMatching.Problem).OfType<string>());
            if (route.ChannelIds.Count == 0)
            {
                problems.Add("a route needs at least one channel");
            }

            problems.AddRange(route.ChannelIds.Where(c => !knownChannelIds.Contains(c)).Select(c => $"channel '{c}' does not exist"));
            var wait = route.GroupWait ?? AlertRoute.DefaultGroupWait;
            var interval = route.GroupInterval ?? AlertRoute.DefaultGroupInterval;
            var repeat = route.RepeatInterval ?? AlertRoute.DefaultRepeatInterval;
            if (wait < TimeSpan.Zero || wait > TimeSpan.FromHours(1))
            {
                problems.Add("groupWait must be between 0 and 1 hour");
            }

            if (interval < TimeSpan.FromSeconds(1) || interval > TimeSpan.FromDays(1))
            {
                problems.Add("groupInterval must be between 1 second and 1 day");
            }

            if (repeat < interval || repeat > TimeSpan.FromDays(7))
            {
                problems.Add("repeatInterval must be at least groupInterval and at most 7 days (repeats happen at group flushes)");
            }

            problems.AddRange((route.MuteTimeIntervals ?? []).Where(n => !windows.Contains(n)).Select(n => $"mute time interval '{n}' is not defined"));
            if (problems.Count > 0)
            {
                errors[$"routes[{i}]"] = [.. problems];
            }
        }

        for (var i = 0; i < policy.Silences.Count; i++)
        {
            var silence = policy.Silences[i];
            var problems = silence.Matchers.Select(LabelMatching.Problem).OfType<string>().ToList();
            if (silence.Matchers.Count == 0)
            {
                problems.Add("a silence needs at least one matcher");
            }

            if (silence.EndsAt <= silence.StartsAt)
            {
                problems.Add("a silence must end after it starts");
            }

            if (problems.Count > 0)
            {
                errors[$"silences[{i}]"] = [.. problems];
            }
        }

        for (var i = 0; i < policy.InhibitRules.Count; i++)
        {
            var rule = policy.InhibitRules[i];
            var problems = rule.SourceMatchers.Concat(rule.TargetMatchers).Select(LabelMatching.Problem).OfType<string>().ToList();
            if (rule.SourceMatchers.Count == 0 || rule.TargetMatchers.Count == 0)
            {
                problems.Add("an inhibition rule needs source and target matchers");
            }

            if (problems.Count > 0)
            {
                errors[$"inhibitRules[{i}]"] = [.. problems];
            }
        }

        return errors;
    }
}
