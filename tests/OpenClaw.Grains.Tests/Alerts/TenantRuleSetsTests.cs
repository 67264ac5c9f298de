using OpenClaw.Grains.Alerts;
using OpenClaw.Grains.Alerts.Evaluation;

namespace OpenClaw.Grains.Tests.Alerts;

/// <summary>A silo's shops of one tenant share one copy of the tenant's rules, and still see every change.</summary>
public sealed class TenantRuleSetsTests
{
    [Fact]
    public void Share_SameVersionFromManyShops_GivesOneInstance_ANewVersionReplacesIt_TenantsApart()
    {
        var sets = new TenantRuleSets();
        var first = sets.Share("tenant-a", new AlertRuleSet(3, DefaultAlertRules.Create()));

        // 100 shops asking the tenant each receive their own copy of version 3: all keep the first.
        var held = Enumerable.Range(0, 100).Select(_ => sets.Share("tenant-a", new AlertRuleSet(3, DefaultAlertRules.Create()))).ToList();
        Assert.All(held, h => Assert.Same(first, h));

        // A change (version 4) reaches the next shop as received, and is then the one shared.
        var changed = new AlertRuleSet(4, DefaultAlertRules.Create().Take(2).ToList());
        Assert.Same(changed, sets.Share("tenant-a", changed));
        Assert.Same(changed, sets.Share("tenant-a", new AlertRuleSet(4, DefaultAlertRules.Create().Take(2).ToList())));
        Assert.Equal(2, sets.Share("tenant-a", new AlertRuleSet(4, [])).Rules.Count);

        // Another tenant's rules at the same version number are its own.
        var other = new AlertRuleSet(4, []);
        Assert.Same(other, sets.Share("tenant-b", other));
    }
}
