using OpenClaw.Grains.Alerts;

namespace OpenClaw.Grains.Tests.Alerts;

public sealed class AlertRuleTests
{
    private const string ShopId = "7495000000000000001";

    private static AlertRule Rule(string id, string metric = AlertMetrics.RefundRate, AlertScope? scope = null, double threshold = 8,
        bool enabled = true) =>
        new(id, metric, AlertComparator.GreaterThan, threshold, TimeSpan.FromDays(1), TimeSpan.FromMinutes(5), AlertSeverity.Warning, null,
            scope ?? AlertScope.AllShops, enabled);

    [Fact]
    public void DefaultRules_AreValid_AndBreachExactlyWhereTikTokTargetsAreMissed()
    {
        var rules = DefaultAlertRules.Create();

        Assert.Empty(AlertRuleValidator.ValidateSet(rules));
        var byMetric = rules.ToDictionary(r => r.MetricKey);
        // Late dispatch < 4 % is the target: 3.99 is fine, 4 breaches.
        Assert.False(byMetric[AlertMetrics.LateDispatchRate].IsBreachedBy(3.99));
        Assert.True(byMetric[AlertMetrics.LateDispatchRate].IsBreachedBy(4));
        // Seller-fault cancellation ≤ 2.5 %.
        Assert.False(byMetric[AlertMetrics.SellerFaultCancellationRate].IsBreachedBy(2.5));
        Assert.True(byMetric[AlertMetrics.SellerFaultCancellationRate].IsBreachedBy(2.51));
        // Valid tracking ≥ 95 %.
        Assert.False(byMetric[AlertMetrics.ValidTrackingRate].IsBreachedBy(95));
        Assert.True(byMetric[AlertMetrics.ValidTrackingRate].IsBreachedBy(94.9));
        // Fast dispatch > 95 %.
        Assert.False(byMetric[AlertMetrics.FastDispatchRate48h].IsBreachedBy(95.1));
        Assert.True(byMetric[AlertMetrics.FastDispatchRate48h].IsBreachedBy(95));
        Assert.Contains(AlertMetrics.SyncLagSeconds, byMetric.Keys);
        Assert.Contains(AlertMetrics.ApiErrorRate, byMetric.Keys);
        Assert.All(rules, r => Assert.Equal(AlertScopeKind.Tenant, r.Scope.Kind));
    }

    [Fact]
    public void Validate_BadRule_NamesEachFieldWithAClearMessage()
    {
        var bad = new AlertRule("has space", "Refund Rate", (AlertComparator)9, double.NaN, TimeSpan.Zero, TimeSpan.FromDays(8),
            (AlertSeverity)7, null, new AlertScope(AlertScopeKind.Tag));

        var errors = AlertRuleValidator.Validate(bad);

        Assert.Equal(["comparator", "for", "metricKey", "ruleId", "scope.value", "severity", "threshold", "window"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("lower snake case", errors["metricKey"][0], StringComparison.Ordinal);
        Assert.Contains("7 days", errors["for"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PercentMetricOutOfRange_SaysItIsAPercentage()
    {
        var errors = AlertRuleValidator.Validate(Rule("r1", threshold: 140));

        Assert.Contains("between 0 and 100", Assert.Single(errors["threshold"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AlertComparator.LessThan, 95, 94, false)]
    [InlineData(AlertComparator.LessThan, 95, 96, true)]
    [InlineData(AlertComparator.GreaterThan, 5, 6, false)]
    [InlineData(AlertComparator.GreaterThan, 5, 2, true)]
    public void Validate_RecoveryThresholdOnTheWrongSide_IsRejected(AlertComparator comparator, double threshold, double recovery, bool valid)
    {
        var rule = new AlertRule("r", AlertMetrics.ApiErrorRate, comparator, threshold, TimeSpan.FromMinutes(15), TimeSpan.Zero,
            AlertSeverity.Warning, recovery, AlertScope.AllShops);

        var errors = AlertRuleValidator.Validate(rule);

        Assert.Equal(valid, !errors.ContainsKey("recoveryThreshold"));
    }

    [Fact]
    public void Validate_ReservedEventPrefixAndTenantScopeWithValue_AreRejected()
    {
        var errors = AlertRuleValidator.Validate(Rule("event.mine", scope: new AlertScope(AlertScopeKind.Tenant, "x")));

        Assert.Contains("reserved", errors["ruleId"][0], StringComparison.Ordinal);
        Assert.True(errors.ContainsKey("scope.value"));
    }

    [Fact]
    public void ValidateSet_DuplicateRuleIds_ReportsTheSecond()
    {
        var errors = AlertRuleValidator.ValidateSet([Rule("same"), Rule("same", AlertMetrics.ApiErrorRate)]);

        Assert.Equal(["rules[1].ruleId"], errors.Keys);
    }

    [Fact]
    public void Resolve_ShopOverride_WinsOverTagAndTenantForThatMetricOnly()
    {
        AlertRule[] rules =
        [
            Rule("tenant-refund", threshold: 8),
            Rule("tenant-api", AlertMetrics.ApiErrorRate, threshold: 5),
            Rule("tag-refund", scope: AlertScope.ForTag("vip"), threshold: 5),
            Rule("shop-refund", scope: AlertScope.ForShop(ShopId), threshold: 3),
            Rule("other-shop-refund", scope: AlertScope.ForShop("other"), threshold: 1),
        ];

        var effective = AlertRuleResolver.Resolve(rules, ShopId, ["vip"]);

        Assert.Equal(["shop-refund", "tenant-api"], effective.Select(r => r.RuleId));
    }

    [Fact]
    public void Resolve_TagRules_ApplyOnlyToTaggedShops_FirstTagInOrdinalOrderWins()
    {
        AlertRule[] rules =
        [
            Rule("tenant-refund"),
            Rule("z-refund", scope: AlertScope.ForTag("zeta")),
            Rule("a-refund", scope: AlertScope.ForTag("alpha")),
        ];

        Assert.Equal(["a-refund"], AlertRuleResolver.Resolve(rules, ShopId, ["zeta", "alpha"]).Select(r => r.RuleId));
        Assert.Equal(["z-refund"], AlertRuleResolver.Resolve(rules, ShopId, ["zeta"]).Select(r => r.RuleId));
        Assert.Equal(["tenant-refund"], AlertRuleResolver.Resolve(rules, ShopId, []).Select(r => r.RuleId));
    }

    [Fact]
    public void Resolve_DisabledShopRule_SwitchesTheMetricOffForThatShop()
    {
        AlertRule[] rules = [Rule("tenant-refund"), Rule("shop-off", scope: AlertScope.ForShop(ShopId), enabled: false)];

        Assert.Empty(AlertRuleResolver.Resolve(rules, ShopId, []));
        Assert.Single(AlertRuleResolver.Resolve(rules, "another-shop", []));
    }
}
