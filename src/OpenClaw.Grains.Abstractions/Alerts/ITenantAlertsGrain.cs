using Orleans.Concurrency;

namespace OpenClaw.Grains.Alerts;

/// <summary>
/// A tenant's alerting (issue 11), keyed by tenant id: its rules (a new tenant starts with the defaults), routing
/// (routes, mute windows, inhibition), silences, and the <c>AlertRouter</c> that groups the shops' alert changes and
/// queues one notification per channel and group flush in the durable outbox. Shop grains send it their alert books'
/// firing/resolved changes and read its rules; it never calls a shop grain (no call cycle).
/// </summary>
public interface ITenantAlertsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes alert changes from a shop's book into the router. At-least-once: a repeat of a change (same
    /// <see cref="AlertNotification.Id"/>) changes nothing that was already notified.
    /// </summary>
    Task ReceiveAsync(IReadOnlyList<AlertNotification> notifications);

    /// <summary>The tenant's rules with their version (the defaults until the tenant changes them).</summary>
    [AlwaysInterleave]
    Task<AlertRuleSet> GetRulesAsync();

    /// <summary>The rules when their version differs from <paramref name="knownVersion"/>, else null (shop grains poll this every evaluation).</summary>
    [AlwaysInterleave]
    Task<AlertRuleSet?> GetRulesIfChangedAsync(long knownVersion);

    /// <summary>Creates or replaces the rule with <see cref="AlertRule.RuleId"/>.</summary>
    /// <exception cref="AlertConfigurationException">The rule is invalid (errors per field) or the tenant has too many rules.</exception>
    Task<AlertRuleSet> PutRuleAsync(AlertRule rule);

    /// <summary>Removes a rule; false when there was none with that id. Its alerts resolve at the shops' next evaluation.</summary>
    Task<bool> DeleteRuleAsync(string ruleId);

    /// <summary>The routing: the tenant's own, or the default (every alert to every channel, default inhibition).</summary>
    [AlwaysInterleave]
    Task<AlertRoutingConfig> GetRoutingAsync();

    /// <summary>Replaces the routing; channels named by routes must exist.</summary>
    /// <exception cref="AlertConfigurationException">Routes, windows or inhibition rules are invalid (errors per field).</exception>
    Task<AlertRoutingConfig> PutRoutingAsync(AlertRoutingConfig routing);

    /// <summary>Goes back to the default routing.</summary>
    Task<AlertRoutingConfig> ResetRoutingAsync();

    /// <summary>The silences not yet ended, plus those ended within the last 7 days.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<AlertSilence>> GetSilencesAsync();

    /// <summary>Adds (or replaces, same id) a silence.</summary>
    /// <exception cref="AlertConfigurationException">Matchers or times are invalid, or the tenant has too many silences.</exception>
    Task<AlertSilence> PutSilenceAsync(AlertSilence silence);

    /// <summary>Ends a silence now; false when there is none with that id.</summary>
    Task<bool> ExpireSilenceAsync(string silenceId);

    /// <summary>The router's groups: what each holds and when it flushes next (what is waiting to be sent).</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<AlertGroupStatus>> GetGroupsAsync();
}

/// <summary>One aggregation group of the tenant's router.</summary>
/// <param name="Key">Route index and group-by values.</param>
/// <param name="Labels">The group-by labels and values.</param>
/// <param name="Firing">Fingerprints of its firing alerts.</param>
/// <param name="Resolved">Fingerprints of its resolved alerts not yet flushed.</param>
/// <param name="NextFlushAt">When it is flushed next (UTC).</param>
/// <param name="LastNotifiedAt">When it last sent (UTC), or null.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.AlertGroupStatus")]
public sealed record AlertGroupStatus(
    [property: Id(0)] string Key,
    [property: Id(1)] IReadOnlyDictionary<string, string> Labels,
    [property: Id(2)] IReadOnlyList<string> Firing,
    [property: Id(3)] IReadOnlyList<string> Resolved,
    [property: Id(4)] DateTimeOffset NextFlushAt,
    [property: Id(5)] DateTimeOffset? LastNotifiedAt);

/// <summary>A tenant's alert rules at one version.</summary>
/// <param name="Version">Increases with every change (shop grains re-read the rules when it moves).</param>
/// <param name="Rules">The rules, ordered by id.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.AlertRuleSet")]
public sealed record AlertRuleSet(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<AlertRule> Rules);

/// <summary>A tenant's routing without its silences (they have their own calls).</summary>
/// <param name="Routes">Routes in order.</param>
/// <param name="MuteTimeIntervals">Named mute windows.</param>
/// <param name="InhibitRules">Inhibition rules.</param>
/// <param name="IsDefault">True while the tenant has not set routing: every alert goes to every channel with default timings.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.AlertRoutingConfig")]
public sealed record AlertRoutingConfig(
    [property: Id(0)] IReadOnlyList<AlertRoute> Routes,
    [property: Id(1)] IReadOnlyList<MuteTimeInterval> MuteTimeIntervals,
    [property: Id(2)] IReadOnlyList<InhibitRule> InhibitRules,
    [property: Id(3)] bool IsDefault = false);

/// <summary>Alert configuration refused; <see cref="Errors"/> names each bad field (ready for an RFC 9457 validation problem).</summary>
[GenerateSerializer, Alias("OpenClaw.AlertConfigurationException")]
public sealed class AlertConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AlertConfigurationException() { }

    /// <summary>Creates the exception with a message.</summary>
    public AlertConfigurationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public AlertConfigurationException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception from field errors.</summary>
    public AlertConfigurationException(IReadOnlyDictionary<string, string[]> errors)
        : base("invalid alert configuration: " + string.Join("; ", (errors ?? throw new ArgumentNullException(nameof(errors))).Select(e => e.Key + ": " + string.Join(" ", e.Value)))) =>
        Errors = new Dictionary<string, string[]>(errors, StringComparer.Ordinal);

    /// <summary>Messages per field path (e.g. <c>threshold</c>, <c>routes[0]</c>).</summary>
    [Id(0)] public Dictionary<string, string[]> Errors { get; init; } = new(StringComparer.Ordinal);
}
