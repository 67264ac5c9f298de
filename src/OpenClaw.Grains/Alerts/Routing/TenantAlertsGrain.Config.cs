namespace OpenClaw.Grains.Alerts.Routing;

// Rules, routing and silences: validate → mutate → write → answer. Invalid input throws AlertConfigurationException
// with errors per field before anything is written.
public sealed partial class TenantAlertsGrain
{
    /// <summary>Most rules per tenant.</summary>
    public const int MaxRules = 200;

    /// <summary>Most silences per tenant (ended ones included until they are pruned).</summary>
    public const int MaxSilences = 500;

    /// <summary>How long an ended silence stays listed.</summary>
    public static readonly TimeSpan EndedSilenceRetention = TimeSpan.FromDays(7);

    private IReadOnlyList<AlertRule> Rules => config.State.Rules ?? DefaultAlertRules.Create();

    /// <inheritdoc />
    public Task<AlertRuleSet> GetRulesAsync() => Task.FromResult(new AlertRuleSet(config.State.RulesVersion, Rules));

    /// <inheritdoc />
    public Task<AlertRuleSet?> GetRulesIfChangedAsync(long knownVersion) =>
        Task.FromResult(knownVersion == config.State.RulesVersion ? null : new AlertRuleSet(config.State.RulesVersion, Rules));

    /// <inheritdoc />
    public async Task<AlertRuleSet> PutRuleAsync(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (AlertRuleValidator.Validate(rule) is { Count: > 0 } errors)
        {
            throw new AlertConfigurationException(errors);
        }

        var rules = Rules.Where(r => r.RuleId != rule.RuleId).Append(rule).OrderBy(r => r.RuleId, StringComparer.Ordinal).ToList();
        if (rules.Count > MaxRules)
        {
            throw new AlertConfigurationException(Error("ruleId", $"a tenant can have at most {MaxRules} rules; delete one first"));
        }

        await SaveRulesAsync(rules);
        return new AlertRuleSet(config.State.RulesVersion, rules);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteRuleAsync(string ruleId)
    {
        var rules = Rules.ToList();
        if (rules.RemoveAll(r => r.RuleId == ruleId) == 0)
        {
            return false;
        }

        await SaveRulesAsync(rules);
        return true;
    }

    /// <inheritdoc />
    public async Task<AlertRoutingConfig> GetRoutingAsync() => config.State.Routing ?? await DefaultRoutingAsync();

    /// <inheritdoc />
    public async Task<AlertRoutingConfig> PutRoutingAsync(AlertRoutingConfig routing)
    {
        ArgumentNullException.ThrowIfNull(routing);
        var channels = Channels is { } store ? await store.ListIdsAsync(TenantId) : [];
        var policy = new AlertRoutingPolicy(routing.Routes ?? [], [], routing.MuteTimeIntervals ?? [], routing.InhibitRules ?? []);
        if (AlertRoutingValidator.Validate(policy, channels.ToHashSet(StringComparer.Ordinal)) is { Count: > 0 } errors)
        {
            throw new AlertConfigurationException(errors);
        }

        config.State.Routing = new AlertRoutingConfig(policy.Routes, policy.MuteTimeIntervals, policy.InhibitRules);
        await config.WriteStateAsync();
        await RefreshPolicyAsync();
        return config.State.Routing;
    }

    /// <inheritdoc />
    public async Task<AlertRoutingConfig> ResetRoutingAsync()
    {
        config.State.Routing = null;
        await config.WriteStateAsync();
        await RefreshPolicyAsync();
        return await DefaultRoutingAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AlertSilence>> GetSilencesAsync() =>
        Task.FromResult<IReadOnlyList<AlertSilence>>([.. config.State.Silences.OrderByDescending(s => s.EndsAt).ThenBy(s => s.Id, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public async Task<AlertSilence> PutSilenceAsync(AlertSilence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        var now = time.GetUtcNow();
        var problems = AlertRoutingValidator.Validate(new AlertRoutingPolicy([new AlertRoute([], [])], [silence], [], []), new HashSet<string>())
            .Where(e => e.Key.StartsWith("silences", StringComparison.Ordinal)).SelectMany(e => e.Value).ToList();
        if (string.IsNullOrWhiteSpace(silence.Id) || silence.Id.Length > 64)
        {
            problems.Add("a silence needs an id of 1–64 characters");
        }

        if (silence.EndsAt <= now)
        {
            problems.Add("a silence must end in the future");
        }

        if (problems.Count > 0)
        {
            throw new AlertConfigurationException(Error("silence", [.. problems]));
        }

        var silences = config.State.Silences.Where(s => s.Id != silence.Id && s.EndsAt > now - EndedSilenceRetention).Append(silence).ToList();
        if (silences.Count > MaxSilences)
        {
            throw new AlertConfigurationException(Error("silence", $"a tenant can have at most {MaxSilences} silences; expire some first"));
        }

        config.State.Silences = silences;
        await config.WriteStateAsync();
        await RefreshPolicyAsync();
        return silence;
    }

    /// <inheritdoc />
    public async Task<bool> ExpireSilenceAsync(string silenceId)
    {
        var now = time.GetUtcNow();
        var index = config.State.Silences.FindIndex(s => s.Id == silenceId);
        if (index < 0)
        {
            return false;
        }

        if (config.State.Silences[index].EndsAt > now)
        {
            config.State.Silences[index] = config.State.Silences[index] with { EndsAt = now };
            await config.WriteStateAsync();
            await RefreshPolicyAsync();
        }

        return true;
    }

    // The policy the router works with: the tenant's routing (or the default over its channels now) and its silences.
    private async Task RefreshPolicyAsync()
    {
        var routing = config.State.Routing ?? await DefaultRoutingAsync();
        Router.Policy = new AlertRoutingPolicy(routing.Routes, config.State.Silences, routing.MuteTimeIntervals, routing.InhibitRules);
    }

    private async Task<AlertRoutingConfig> DefaultRoutingAsync()
    {
        var channels = Channels is { } store ? await store.ListIdsAsync(TenantId) : [];
        var policy = AlertRoutingDefaults.Create(channels);
        return new AlertRoutingConfig(channels.Count == 0 ? [] : policy.Routes, policy.MuteTimeIntervals, policy.InhibitRules, IsDefault: true);
    }

    private async Task SaveRulesAsync(List<AlertRule> rules)
    {
        config.State.Rules = rules;
        config.State.RulesVersion++;
        await config.WriteStateAsync();
    }

    private static Dictionary<string, string[]> Error(string field, params string[] messages) =>
        new(StringComparer.Ordinal) { [field] = messages };
}
