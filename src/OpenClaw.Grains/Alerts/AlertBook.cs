namespace OpenClaw.Grains.Alerts;

/// <summary>
/// The shop grain's alert part (ARCHITECTURE §5 AlertBook): per rule and shop a state machine ok → pending → firing →
/// resolved, following Prometheus alerting-rule semantics — a breach must hold at every evaluation for the rule's
/// <see cref="AlertRule.For"/> before the alert fires (a single good value sends pending back to ok), and a firing alert
/// resolves only once the value is back past the recovery threshold (hysteresis). Instant events fire at once. Each
/// firing and resolution queues an <see cref="AlertNotification"/> for the router (<see cref="TakeNotifications"/>).
/// Plain class on <see cref="TimeProvider"/>; the grain persists <see cref="State"/> after calls that change it. Not
/// thread-safe: a grain calls it from one turn at a time.
/// </summary>
public sealed partial class AlertBook
{
    private readonly string _tenantId;
    private readonly string _shopId;
    private readonly TimeProvider _time;
    private readonly AlertBookOptions _options;
    private readonly List<AlertNotification> _outgoing = [];

    /// <summary>Creates the book over <paramref name="state"/>, which it mutates in place.</summary>
    /// <param name="tenantId">Owning tenant (part of every fingerprint and the <c>tenant</c> label).</param>
    /// <param name="shopId">TikTok shop id.</param>
    /// <param name="state">Persisted state (new for a shop without alerts).</param>
    /// <param name="time">Clock for pending, firing and resolution times.</param>
    /// <param name="options">Lifetimes and bounds; defaults when null.</param>
    public AlertBook(string tenantId, string shopId, AlertBookState state, TimeProvider time, AlertBookOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        _tenantId = tenantId;
        _shopId = shopId;
        State = state ?? throw new ArgumentNullException(nameof(state));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? new AlertBookOptions();
        _options.Validate();
        ShopName = shopId;
    }

    /// <summary>The state to persist.</summary>
    public AlertBookState State { get; }

    /// <summary>Shop name written in notifications (defaults to the shop id).</summary>
    public string ShopName { get; set; }

    /// <summary>The record of <paramref name="fingerprint"/>, or null.</summary>
    public AlertRecord? Find(string fingerprint) => State.Alerts.GetValueOrDefault(fingerprint);

    /// <summary>The fingerprint a rule's alert has in this book.</summary>
    public string FingerprintOf(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return AlertFingerprint.Compute(_tenantId, rule.RuleId, _shopId);
    }

    /// <summary>The fingerprint of an event's alert in this book.</summary>
    public string FingerprintOf(InstantEventKind kind, string? subject = null) =>
        AlertFingerprint.Compute(_tenantId, InstantAlertEvents.RuleIdOf(kind), _shopId, SubjectLabels(subject));

    /// <summary>Applies a metric value to every rule in <paramref name="effectiveRules"/> that watches <paramref name="metricKey"/>.</summary>
    public void ObserveMetric(IEnumerable<AlertRule> effectiveRules, string metricKey, double value)
    {
        ArgumentNullException.ThrowIfNull(effectiveRules);
        foreach (var rule in effectiveRules.Where(r => r.Enabled && string.Equals(r.MetricKey, metricKey, StringComparison.Ordinal)))
        {
            Observe(rule, value);
        }
    }

    /// <summary>Applies one evaluation of <paramref name="rule"/> with <paramref name="value"/>; NaN and infinities are ignored.</summary>
    public void Observe(AlertRule rule, double value)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!double.IsFinite(value) || !rule.Enabled)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var fingerprint = FingerprintOf(rule);
        var breached = rule.IsBreachedBy(value);
        if (!State.Alerts.TryGetValue(fingerprint, out var record))
        {
            if (!breached)
            {
                return; // nothing to remember for a healthy metric
            }

            record = NewRecord(fingerprint, rule.RuleId, AlertKind.Metric, rule.MetricKey, []);
            State.Alerts[fingerprint] = record;
        }

        record.LastValue = value;
        record.UpdatedAt = now;
        switch (record.Status)
        {
            case AlertStatus.Ok or AlertStatus.Resolved when breached:
                record.Status = AlertStatus.Pending;
                record.ActiveSince = now;
                record.Severity = rule.Severity;
                record.Threshold = rule.Threshold;
                record.Comparator = rule.Comparator;
                if (rule.For <= TimeSpan.Zero)
                {
                    Fire(record, now, value, detail: null);
                }

                break;
            case AlertStatus.Pending when !breached:
                record.Status = AlertStatus.Ok;
                record.ActiveSince = null;
                break;
            case AlertStatus.Pending when now - record.ActiveSince >= rule.For:
                record.Severity = rule.Severity;
                record.Threshold = rule.Threshold;
                record.Comparator = rule.Comparator;
                Fire(record, now, value, detail: null);
                break;
            case AlertStatus.Firing when rule.IsRecoveredBy(value):
                Resolve(record, now, value);
                break;
        }
    }

    /// <summary>
    /// Ends alerts of metric rules that no longer apply (rule deleted, disabled or overridden): pending ones go back to
    /// ok, firing ones resolve.
    /// </summary>
    public void Reconcile(IReadOnlyCollection<AlertRule> effectiveRules)
    {
        ArgumentNullException.ThrowIfNull(effectiveRules);
        var live = effectiveRules.Where(r => r.Enabled).Select(FingerprintOf).ToHashSet(StringComparer.Ordinal);
        var now = _time.GetUtcNow();
        foreach (var record in State.Alerts.Values.Where(r => r.Kind == AlertKind.Metric && !live.Contains(r.Fingerprint)))
        {
            if (record.Status == AlertStatus.Pending)
            {
                record.Status = AlertStatus.Ok;
                record.ActiveSince = null;
            }
            else if (record.Status == AlertStatus.Firing)
            {
                Resolve(record, now, record.LastValue);
            }
        }
    }

    /// <summary>
    /// An instant event: fires its alert at once (no pending stage). Raising an event whose alert is already firing
    /// only refreshes its detail (and a one-shot event's lifetime); it sends nothing new.
    /// </summary>
    public void Raise(InstantAlertEvent alertEvent)
    {
        ArgumentNullException.ThrowIfNull(alertEvent);
        var now = _time.GetUtcNow();
        var ruleId = InstantAlertEvents.RuleIdOf(alertEvent.Kind);
        var labels = SubjectLabels(alertEvent.Subject);
        var fingerprint = AlertFingerprint.Compute(_tenantId, ruleId, _shopId, labels);
        if (!State.Alerts.TryGetValue(fingerprint, out var record))
        {
            record = NewRecord(fingerprint, ruleId, AlertKind.Event, InstantAlertEvents.KeyOf(alertEvent.Kind), labels);
            State.Alerts[fingerprint] = record;
        }

        record.UpdatedAt = now;
        record.ResolveAt = InstantAlertEvents.IsOneShot(alertEvent.Kind) ? now + _options.OneShotEventLifetime : null;
        if (record.Status == AlertStatus.Firing)
        {
            record.Detail = alertEvent.Detail ?? record.Detail;
            return;
        }

        record.Severity = InstantAlertEvents.SeverityOf(alertEvent.Kind);
        record.ActiveSince = now;
        Fire(record, now, value: null, alertEvent.Detail);
    }

    /// <summary>The condition behind an event is over (shop active again, new grant, sync moving, quota reset): resolves its alert.</summary>
    public void Clear(InstantEventKind kind, string? subject = null)
    {
        if (State.Alerts.TryGetValue(FingerprintOf(kind, subject), out var record) && record.Status == AlertStatus.Firing)
        {
            Resolve(record, _time.GetUtcNow(), value: null);
        }
    }

    /// <summary>Resolves one-shot events past their lifetime and trims old resolved records. Call from the grain's timer.</summary>
    public void Tick()
    {
        var now = _time.GetUtcNow();
        foreach (var record in State.Alerts.Values.Where(r => r.Status == AlertStatus.Firing && r.ResolveAt <= now))
        {
            Resolve(record, now, value: null);
        }

        var removable = State.Alerts.Values
            .Where(r => r.Status is AlertStatus.Ok or AlertStatus.Resolved)
            .OrderBy(r => r.ResolvedAt ?? r.UpdatedAt ?? DateTimeOffset.MinValue)
            .ToList();
        var excess = State.Alerts.Count - _options.MaxRecords;
        foreach (var record in removable)
        {
            var old = now - (record.ResolvedAt ?? record.UpdatedAt ?? now) > _options.ResolvedRetention;
            if (old || excess > 0)
            {
                State.Alerts.Remove(record.Fingerprint);
                excess--;
            }
        }
    }

    /// <summary>Notifications queued since the last call (firing and resolved, in order); the queue is emptied.</summary>
    public IReadOnlyList<AlertNotification> TakeNotifications()
    {
        var taken = _outgoing.ToList();
        _outgoing.Clear();
        return taken;
    }

    /// <summary>The notification a record would send now (e.g. to re-seed the router after a restart); null unless firing.</summary>
    public AlertNotification? CurrentNotification(string fingerprint) =>
        State.Alerts.TryGetValue(fingerprint, out var r) && r.Status == AlertStatus.Firing ? ToNotification(r) : null;

    private static AlertRecord NewRecord(string fingerprint, string ruleId, AlertKind kind, string key, IEnumerable<KeyValuePair<string, string>> labels) => new()
    {
        Fingerprint = fingerprint,
        RuleId = ruleId,
        Kind = kind,
        Key = key,
        Status = AlertStatus.Ok,
        ExtraLabels = new Dictionary<string, string>(labels, StringComparer.Ordinal),
    };

    private void Fire(AlertRecord record, DateTimeOffset now, double? value, string? detail)
    {
        record.Status = AlertStatus.Firing;
        record.FiredAt = now;
        record.ResolvedAt = null;
        record.FiredValue = value;
        record.Detail = detail;
        record.Episode++;
        _outgoing.Add(ToNotification(record));
    }

    private void Resolve(AlertRecord record, DateTimeOffset now, double? value)
    {
        record.Status = AlertStatus.Resolved;
        record.ResolvedAt = now;
        record.ResolveAt = null;
        record.LastValue = value ?? record.LastValue;
        _outgoing.Add(ToNotification(record));
    }

    private AlertNotification ToNotification(AlertRecord r)
    {
        var resolved = r.Status == AlertStatus.Resolved;
        var labels = AlertLabels.For(_tenantId, _shopId, r);
        var id = AlertFingerprint.IdOf("notification", r.Fingerprint, r.Episode.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Status.ToString());
        return new AlertNotification(id, r.Fingerprint, r.Status, r.Kind, _tenantId, _shopId, ShopName, r.RuleId, r.Key, r.Severity,
            r.ActiveSince ?? r.FiredAt!.Value, r.FiredAt!.Value, resolved ? r.ResolvedAt : null,
            resolved ? r.LastValue : r.FiredValue, r.Threshold, r.Comparator, r.Detail, labels);
    }

    private static Dictionary<string, string> SubjectLabels(string? subject) =>
        string.IsNullOrEmpty(subject) ? [] : new() { [AlertLabels.Subject] = subject };
}
