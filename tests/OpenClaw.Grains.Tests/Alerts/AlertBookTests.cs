using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenClaw.Grains.Alerts;
using Orleans.Serialization;

namespace OpenClaw.Grains.Tests.Alerts;

public sealed class AlertBookTests
{
    private const string Tenant = "agency-1";
    private const string Shop = "7495000000000000001";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    // Valid tracking must stay ≥ 95 %; fires below 95 after 10 min, resolves at ≥ 96.
    private static readonly AlertRule Tracking = new("tracking", AlertMetrics.ValidTrackingRate, AlertComparator.LessThan, 95,
        TimeSpan.FromDays(7), TimeSpan.FromMinutes(10), AlertSeverity.Warning, 96, AlertScope.AllShops);

    private AlertBook NewBook(AlertBookState? state = null) => new(Tenant, Shop, state ?? new AlertBookState(), _time) { ShopName = "小米旗舰店" };

    [Fact]
    public void Observe_BreachShorterThanFor_StaysPendingAndSendsNothing()
    {
        var book = NewBook();

        book.Observe(Tracking, 93);
        _time.Advance(TimeSpan.FromMinutes(9));
        book.Observe(Tracking, 92);

        Assert.Equal(AlertStatus.Pending, book.Find(book.FingerprintOf(Tracking))!.Status);
        Assert.Empty(book.TakeNotifications());
    }

    [Fact]
    public void Observe_BreachHeldForTheForDuration_FiresOnceWithValueAndStart()
    {
        var book = NewBook();
        var start = _time.GetUtcNow();

        book.Observe(Tracking, 93);
        _time.Advance(TimeSpan.FromMinutes(10));
        book.Observe(Tracking, 91.5);
        _time.Advance(TimeSpan.FromMinutes(1));
        book.Observe(Tracking, 90);

        var fired = Assert.Single(book.TakeNotifications());
        Assert.Equal(AlertStatus.Firing, fired.Status);
        Assert.Equal(91.5, fired.Value);
        Assert.Equal(start, fired.ActiveSince);
        Assert.Equal(start.AddMinutes(10), fired.FiredAt);
        Assert.Null(fired.EndsAt);
        Assert.Equal("小米旗舰店", fired.ShopName);
        Assert.Equal(Shop, fired.Labels[AlertLabels.Shop]);
        Assert.Equal("warning", fired.Labels[AlertLabels.Severity]);
        Assert.Equal(AlertMetrics.HealthCategory, fired.Labels[AlertLabels.Category]);
    }

    [Fact]
    public void Observe_GoodValueWhilePending_ResetsTheForClock()
    {
        var book = NewBook();

        book.Observe(Tracking, 93);
        _time.Advance(TimeSpan.FromMinutes(8));
        book.Observe(Tracking, 97);
        _time.Advance(TimeSpan.FromMinutes(1));
        book.Observe(Tracking, 93);
        _time.Advance(TimeSpan.FromMinutes(9));
        book.Observe(Tracking, 93);

        Assert.Equal(AlertStatus.Pending, book.Find(book.FingerprintOf(Tracking))!.Status);
        Assert.Empty(book.TakeNotifications());
    }

    [Fact]
    public void Observe_ZeroForDuration_FiresOnTheFirstBreach()
    {
        var book = NewBook();

        book.Observe(Tracking with { For = TimeSpan.Zero }, 94);

        Assert.Equal(AlertStatus.Firing, Assert.Single(book.TakeNotifications()).Status);
    }

    [Fact]
    public void Observe_ValueBetweenThresholdAndRecovery_KeepsFiring_PastRecoveryResolves()
    {
        var book = NewBook();
        var rule = Tracking with { For = TimeSpan.Zero };
        book.Observe(rule, 90);
        book.TakeNotifications();

        _time.Advance(TimeSpan.FromMinutes(5));
        book.Observe(rule, 95.5); // above the threshold, below the recovery threshold: hysteresis holds the alert
        Assert.Empty(book.TakeNotifications());
        Assert.Equal(AlertStatus.Firing, book.Find(book.FingerprintOf(rule))!.Status);

        _time.Advance(TimeSpan.FromMinutes(5));
        book.Observe(rule, 96);
        var resolved = Assert.Single(book.TakeNotifications());
        Assert.Equal(AlertStatus.Resolved, resolved.Status);
        Assert.Equal(_time.GetUtcNow(), resolved.EndsAt);
        Assert.Equal(96, resolved.Value);
    }

    [Fact]
    public void Observe_FiresAgainAfterResolving_SameFingerprintNewNotificationIds()
    {
        var book = NewBook();
        var rule = Tracking with { For = TimeSpan.Zero };

        book.Observe(rule, 90);
        book.Observe(rule, 99);
        book.Observe(rule, 90);
        var sent = book.TakeNotifications();

        Assert.Equal([AlertStatus.Firing, AlertStatus.Resolved, AlertStatus.Firing], sent.Select(n => n.Status));
        Assert.Single(sent.Select(n => n.Fingerprint).Distinct());
        Assert.Equal(3, sent.Select(n => n.Id).Distinct().Count());
        Assert.Equal(2, book.Find(sent[0].Fingerprint)!.Episode);
    }

    [Fact]
    public void Raise_InstantEvent_SkipsPending_RaisingAgainSendsNothing_ClearResolves()
    {
        var book = NewBook();

        book.Raise(new InstantAlertEvent(InstantEventKind.NeedsReauthorization, Detail: "36004005"));
        book.Raise(new InstantAlertEvent(InstantEventKind.NeedsReauthorization));
        _time.Advance(TimeSpan.FromHours(2));
        book.Clear(InstantEventKind.NeedsReauthorization);
        var sent = book.TakeNotifications();

        Assert.Equal([AlertStatus.Firing, AlertStatus.Resolved], sent.Select(n => n.Status));
        Assert.Equal(AlertSeverity.Critical, sent[0].Severity);
        Assert.Equal("needs_reauthorization", sent[0].Labels[AlertLabels.Event]);
        Assert.Equal(AlertMetrics.AuthCategory, sent[0].Labels[AlertLabels.Category]);
        Assert.Equal("36004005", sent[0].Detail);
        Assert.Equal(sent[0].FiredAt.AddHours(2), sent[1].EndsAt);
    }

    [Fact]
    public void Raise_OneShotEvents_PerSubject_ResolveAfterTheirLifetime()
    {
        var book = NewBook();

        book.Raise(new InstantAlertEvent(InstantEventKind.ListingRejected, Subject: "1729000001"));
        book.Raise(new InstantAlertEvent(InstantEventKind.ListingRejected, Subject: "1729000002"));
        _time.Advance(TimeSpan.FromHours(23));
        book.Tick();
        Assert.Equal(2, book.TakeNotifications().Count);

        _time.Advance(TimeSpan.FromHours(1));
        book.Tick();
        var resolved = book.TakeNotifications();
        Assert.Equal(2, resolved.Count);
        Assert.All(resolved, n => Assert.Equal(AlertStatus.Resolved, n.Status));
        Assert.Equal(["1729000001", "1729000002"], resolved.Select(n => n.Labels[AlertLabels.Subject]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Fingerprint_IsStable_PinnedValue_OrderIndependent_AndDiffersPerIdentityField()
    {
        var pinned = AlertFingerprint.Compute(Tenant, "tracking", Shop, new Dictionary<string, string> { ["subject"] = "a", ["zone"] = "b" });

        // Pinned: SHA-256 of "openclaw.alert.v1" + "\n<len>:<field>" per field, computed outside .NET; changing it re-keys every stored alert.
        Assert.Equal("b56a47a2a097b3e7fcadde7c2212ccf5", pinned);
        Assert.Equal(pinned, AlertFingerprint.Compute(Tenant, "tracking", Shop, [new("zone", "b"), new("subject", "a")]));
        Assert.NotEqual(pinned, AlertFingerprint.Compute("agency-2", "tracking", Shop, [new("subject", "a"), new("zone", "b")]));
        Assert.NotEqual(pinned, AlertFingerprint.Compute(Tenant, "tracking2", Shop, [new("subject", "a"), new("zone", "b")]));
        Assert.NotEqual(pinned, AlertFingerprint.Compute(Tenant, "tracking", "7495000000000000002", [new("subject", "a"), new("zone", "b")]));
        Assert.NotEqual(pinned, AlertFingerprint.Compute(Tenant, "tracking", Shop, [new("subject", "a")]));
        // Length-prefixed fields: moving a character between fields changes the fingerprint.
        Assert.NotEqual(AlertFingerprint.Compute("ab", "c", Shop), AlertFingerprint.Compute("a", "bc", Shop));
    }

    [Fact]
    public void Fingerprint_DoesNotDependOnValueSeverityOrTime()
    {
        var book = NewBook();
        var a = book.FingerprintOf(Tracking);
        _time.Advance(TimeSpan.FromDays(3));

        Assert.Equal(a, NewBook().FingerprintOf(Tracking with { Severity = AlertSeverity.Critical, Threshold = 90 }));
    }

    [Fact]
    public void AcknowledgeAndSilence_RecordWhoAndWhen_SilenceMatchesThatAlertOnly()
    {
        var book = NewBook();
        book.Raise(new InstantAlertEvent(InstantEventKind.PolicyViolation, Subject: "V-1"));
        var fingerprint = Assert.Single(book.TakeNotifications()).Fingerprint;
        var at = _time.GetUtcNow();

        Assert.True(book.Acknowledge(fingerprint, "li.wei", "looking into it"));
        var silence = book.Silence(fingerprint, "li.wei", at.AddHours(4));

        var audit = book.Find(fingerprint)!.Audit;
        Assert.Equal([AlertAuditAction.Acknowledged, AlertAuditAction.Silenced], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(("li.wei", at), (a.By, a.At)));
        Assert.Equal(at.AddHours(4), audit[1].Until);
        Assert.NotNull(silence);
        Assert.Contains(new LabelMatcher(AlertLabels.Subject, MatchOperator.Equal, "V-1"), silence.Matchers);
        Assert.Contains(new LabelMatcher(AlertLabels.Shop, MatchOperator.Equal, Shop), silence.Matchers);
        Assert.False(book.Acknowledge("unknown", "li.wei"));
    }

    [Fact]
    public void Reconcile_RuleNoLongerInForce_ResolvesItsFiringAlert()
    {
        var book = NewBook();
        book.Observe(Tracking with { For = TimeSpan.Zero }, 90);
        book.TakeNotifications();

        book.Reconcile([]);

        Assert.Equal(AlertStatus.Resolved, Assert.Single(book.TakeNotifications()).Status);
    }

    [Fact]
    public void Tick_ResolvedOlderThanRetention_IsTrimmed_FiringIsKept()
    {
        var book = NewBook();
        book.Observe(Tracking with { For = TimeSpan.Zero }, 90);
        book.Observe(Tracking with { For = TimeSpan.Zero }, 99);
        book.Raise(new InstantAlertEvent(InstantEventKind.SyncStalled, Subject: "orders"));

        _time.Advance(TimeSpan.FromDays(8));
        book.Tick();

        Assert.Equal(["sync_stalled"], book.State.Alerts.Values.Select(r => r.Key));
    }

    [Fact]
    public void State_RoundTripsThroughOrleansSerializer_AndTheBookContinues()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var book = NewBook();
        book.Observe(Tracking, 90);
        _time.Advance(TimeSpan.FromMinutes(10));

        var restored = NewBook(serializer.Deserialize<AlertBookState>(serializer.SerializeToArray(book.State)));
        restored.Observe(Tracking, 90);

        Assert.Equal(AlertStatus.Firing, Assert.Single(restored.TakeNotifications()).Status);
    }
}
