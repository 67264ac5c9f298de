using OpenClaw.Grains.Budget;

namespace OpenClaw.Grains.Tests.Budget;

public sealed class PollingPlannerTests
{
    private static readonly TimeSpan TwelveHours = TimeSpan.FromHours(12);

    private static readonly PollingPlanner Planner = new(new PollingPlannerOptions
    {
        MinimumInterval = TimeSpan.FromMinutes(1), PollingShare = 0.8, WebhookCoveredWeight = 0.25, DormantChangesPerHour = 0.5,
    });

    [Fact]
    public void Plan_TightQuota_SpendsThePollingShareOfWhatIsLeftAndNoMore()
    {
        var shops = Enumerable.Range(0, 200).Select(i => new ShopPollingProfile("s" + i, CallsPerCycle: 3 + (i % 4), ChangesPerHour: i % 7 * 10, WebhooksCover: i % 3 == 0)).ToList();

        var plan = Planner.Plan(remainingQuota: 20_000, TwelveHours, shops);

        Assert.Equal(16_000, plan.Budget);
        Assert.InRange(plan.PlannedCalls, 15_999, 16_000.001);
        Assert.True(plan.QuotaLasts);
        Assert.Equal(200, plan.Intervals.Count);
    }

    [Fact]
    public void Plan_ShopsWithFixedCalls_ReservesThemForTheRestOfTheDayBeforeSpreadingPolling()
    {
        // Found by the sync bench: per-order tracking (55 % of a day's calls) grows with deliveries, not with polling, so
        // stretching the interval does not save it; planned as a cost per cycle, the quota ran out at 20:30.
        var shops = Enumerable.Range(0, 100).Select(i => new ShopPollingProfile("s" + i, CallsPerCycle: 5, ChangesPerHour: 10, WebhooksCover: false,
            FixedCallsPerHour: 2)).ToList();

        var plan = Planner.Plan(remainingQuota: 10_000, TwelveHours, shops);

        // 8,000 calls to plan; 100 shops × 2 calls/h × 12 h = 2,400 reserved; polling gets the other 5,600.
        Assert.Equal(2_400, plan.ReservedCalls, 6);
        Assert.InRange(plan.PlannedCalls, 5_599, 5_600.001);
        Assert.True(plan.QuotaLasts);
        Assert.Equal((TwelveHours / (5_600.0 / 100 / 5)).TotalSeconds, plan.Intervals["s0"].TotalSeconds, 3);
    }

    [Fact]
    public void Plan_FixedCallsAboveTheBudget_PollsOncePerDayLeftAndSaysTheQuotaDoesNotLast()
    {
        var plan = Planner.Plan(remainingQuota: 1_000, TwelveHours, [new("a", 5, 10, false, FixedCallsPerHour: 100)]);

        Assert.Equal(TwelveHours, plan.Intervals["a"]);
        Assert.False(plan.QuotaLasts);
    }

    [Theory]
    [InlineData(0, 24_000, true)]       // the plan's pace at midnight: 80 % of what is left
    [InlineData(20_000, 28_000, true)]  // late in the day, still as planned: 8,000 of 10,000 left
    [InlineData(20_000, 29_500, false)] // spending faster than planned: 9,500 of 10,000 left
    [InlineData(31_000, 31_000, false)] // nothing left
    public void AffordsDeferrable_ComparesTheCallsStillExpectedWithTheQuotaLeft(long used, long forecast, bool affords) =>
        Assert.Equal(affords, Planner.AffordsDeferrable(used, forecast, dailyQuota: 30_000));

    [Fact]
    public void Plan_BusyShop_IsPolledMoreOftenThanADormantOne()
    {
        var plan = Planner.Plan(1_000, TwelveHours,
            [new("busy", 4, ChangesPerHour: 120, false), new("dormant", 4, ChangesPerHour: 0, false)]);

        // Square-root rule: frequency ∝ √(120.5 / 0.5) ≈ 15.5 times the dormant shop's.
        Assert.Equal(Math.Sqrt(120.5 / 0.5), plan.Intervals["dormant"] / plan.Intervals["busy"], 3);
    }

    [Fact]
    public void Plan_WebhookCoveredShop_IsPolledLessOftenThanAnUncoveredTwin()
    {
        var plan = Planner.Plan(1_000, TwelveHours,
            [new("covered", 4, 30, WebhooksCover: true), new("uncovered", 4, 30, WebhooksCover: false)]);

        // Weight × 0.25 → frequency × √0.25: polled half as often.
        Assert.Equal(2.0, plan.Intervals["covered"] / plan.Intervals["uncovered"], 6);
    }

    [Fact]
    public void Plan_ExpensiveShop_IsPolledLessOftenThanACheapTwin()
    {
        var plan = Planner.Plan(1_000, TwelveHours, [new("cheap", 2, 30, false), new("expensive", 8, 30, false)]);

        Assert.Equal(2.0, plan.Intervals["expensive"] / plan.Intervals["cheap"], 6);
    }

    [Fact]
    public void Plan_PlentyOfQuota_NeverGoesBelowTheMinimumInterval()
    {
        var plan = Planner.Plan(1_000_000, TwelveHours, [new("a", 1, 500, false), new("b", 1, 0, true)]);

        Assert.All(plan.Intervals.Values, interval => Assert.Equal(TimeSpan.FromMinutes(1), interval));
        Assert.Equal(2 * 720, plan.PlannedCalls, 6);
        Assert.True(plan.QuotaLasts);
    }

    [Fact]
    public void Plan_ShopsCappedAtTheMinimum_LeaveTheirUnusedShareToTheOthers()
    {
        // The hot shop alone would get far more than one poll a minute; what it cannot use goes to the cold shops.
        var shops = new List<ShopPollingProfile> { new("hot", 1, 100_000, false), new("cold-1", 5, 1, false), new("cold-2", 5, 1, false) };

        var plan = Planner.Plan(5_000, TwelveHours, shops);

        Assert.Equal(TimeSpan.FromMinutes(1), plan.Intervals["hot"]);
        Assert.Equal(plan.Budget, plan.PlannedCalls, 3);
        // 4,000 − 720 for the hot shop = 3,280 for two cold shops at 5 calls a cycle: a poll every 12 h × 5 × 2 / 3,280.
        Assert.Equal(TwelveHours.TotalSeconds * 10 / 3_280, plan.Intervals["cold-1"].TotalSeconds, 3);
    }

    [Fact]
    public void Plan_NoQuotaLeft_PlansTheNextPollForTheNextDay()
    {
        var plan = Planner.Plan(0, TimeSpan.FromHours(3), [new("a", 2, 10, false)]);

        Assert.Equal(TimeSpan.FromHours(3), plan.Intervals["a"]);
        Assert.Equal(0, plan.Budget);
        Assert.False(plan.QuotaLasts);
    }

    [Fact]
    public void Plan_AtTheVeryEndOfTheDay_UsesTheMinimumInterval()
    {
        var plan = Planner.Plan(1_000, TimeSpan.Zero, [new("a", 2, 10, false)]);

        Assert.Equal(TimeSpan.FromMinutes(1), plan.Intervals["a"]);
    }

    [Fact]
    public void Plan_NoActiveShops_IsEmpty()
    {
        var plan = Planner.Plan(1_000, TwelveHours, []);

        Assert.Empty(plan.Intervals);
        Assert.Equal(0, plan.PlannedCalls);
    }

    [Fact]
    public void Plan_ZeroMeasuredCalls_CountsAsOneCallPerCycle()
    {
        var zero = Planner.Plan(1_000, TwelveHours, [new("a", 0, 10, false)]);
        var one = Planner.Plan(1_000, TwelveHours, [new("a", 1, 10, false)]);

        Assert.Equal(one.Intervals["a"], zero.Intervals["a"]);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(1, -1)]
    [InlineData(double.NaN, 0)]
    public void Plan_NegativeOrNonFiniteMeasurements_AreRejected(double calls, double changes)
    {
        Assert.Throws<ArgumentException>(() => Planner.Plan(1_000, TwelveHours, [new("a", calls, changes, false)]));
    }

    [Fact]
    public void Planner_InvalidOptions_AreRejectedNamingTheKey()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PollingPlanner(new PollingPlannerOptions { MinimumInterval = TimeSpan.Zero, PollingShare = 1.5 }));

        Assert.Contains("RateBudget:Polling:MinimumInterval", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RateBudget:Polling:PollingShare", ex.Message, StringComparison.Ordinal);
    }
}
