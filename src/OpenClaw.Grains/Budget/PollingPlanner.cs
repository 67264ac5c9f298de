namespace OpenClaw.Grains.Budget;

/// <summary>What the planner needs to know about one active shop.</summary>
/// <param name="ShopId">TikTok shop id.</param>
/// <param name="CallsPerCycle">Measured API calls one sync cycle of the shop costs (at least 1 is assumed).</param>
/// <param name="ChangesPerHour">Measured activity: changed orders, returns, products… per hour (0 for a dormant shop).</param>
/// <param name="WebhooksCover">True when TikTok's webhooks deliver the shop's changes, so polling is only a safety net.</param>
/// <param name="FixedCallsPerHour">
/// Measured calls per hour the shop makes whatever its polling interval: tracking of packages that became final (one call
/// each, proportional to deliveries), warehouses and shop performance on their own schedules. Reserved before polling.
/// </param>
public sealed record ShopPollingProfile(string ShopId, double CallsPerCycle, double ChangesPerHour, bool WebhooksCover, double FixedCallsPerHour = 0);

/// <summary>A polling plan for the rest of the quota day.</summary>
/// <param name="Intervals">Polling interval per shop id.</param>
/// <param name="Budget">Calls the plan may spend until the day ends: fixed calls first, polling with the rest.</param>
/// <param name="PlannedCalls">Calls the intervals cost until the day ends (calls per cycle × time left ÷ interval, summed).</param>
/// <param name="ReservedCalls">Fixed calls until the day ends (Σ fixed calls per hour × hours left), reserved before polling.</param>
public sealed record PollingPlan(IReadOnlyDictionary<string, TimeSpan> Intervals, long Budget, double PlannedCalls, double ReservedCalls = 0)
{
    /// <summary>True when the reserved and planned calls fit the budget, i.e. the quota lasts the whole day.</summary>
    public bool QuotaLasts => PlannedCalls + ReservedCalls <= Budget + 1e-6;
}

/// <summary>
/// Plans each active shop's polling interval so the remaining daily quota lasts until the quota day ends (ARCHITECTURE
/// §5: "plan polling so the daily quota is never exhausted"). Pure: same input, same plan.
/// </summary>
/// <remarks>
/// The plan's budget is <see cref="PollingPlannerOptions.PollingShare"/> of the remaining quota. Calls that do not shrink
/// with a longer interval (<see cref="ShopPollingProfile.FixedCallsPerHour"/>: tracking, warehouses, performance) are
/// reserved first for every hour left; polling spreads the rest, so the quota lasts the day. A shop's weight is its
/// activity (at least <see cref="PollingPlannerOptions.DormantChangesPerHour"/>), times
/// <see cref="PollingPlannerOptions.WebhookCoveredWeight"/> when webhooks cover it. Frequencies follow the square-root
/// rule <c>f ∝ √(weight ÷ calls per cycle)</c>, which minimises the total staleness (changes waiting × time waited) for a
/// fixed number of calls: busy shops are polled more often, expensive and webhook-covered shops less. No interval is
/// below <see cref="PollingPlannerOptions.MinimumInterval"/>; quota a capped shop cannot use is shared among the others
/// (water-filling). No interval is planned beyond the day's end: with no quota left, shops wait for the next day.
/// </remarks>
public sealed class PollingPlanner
{
    private readonly PollingPlannerOptions _options;

    /// <summary>Creates the planner.</summary>
    public PollingPlanner(PollingPlannerOptions? options = null)
    {
        _options = options ?? new PollingPlannerOptions();
        if (PollingPlannerOptionsValidator.Failures(_options) is { Count: > 0 } failures)
        {
            throw new ArgumentException(string.Join("; ", failures), nameof(options));
        }
    }

    /// <summary>
    /// True when the day's forecast leaves room for deferrable work: the calls it still expects
    /// (<paramref name="forecastForDay"/> − <paramref name="usedToday"/>, i.e. the recent rate × the time left) are at most
    /// <see cref="PollingPlannerOptions.DeferrableQuotaShare"/> of the quota left. A plan spends
    /// <see cref="PollingPlannerOptions.PollingShare"/> of it (fixed calls included), so this holds while the app spends
    /// as planned and fails when it spends faster (a burst, or more shops than planned) or the quota is gone.
    /// </summary>
    public bool AffordsDeferrable(long usedToday, long forecastForDay, long dailyQuota) =>
        dailyQuota > usedToday && forecastForDay - usedToday <= (dailyQuota - usedToday) * _options.DeferrableQuotaShare;

    /// <summary>Plans the intervals.</summary>
    /// <param name="remainingQuota">Calls left in today's quota (negative counts as none).</param>
    /// <param name="timeLeftInDay">Time until the quota day ends.</param>
    /// <param name="shops">The active shops (ids unique).</param>
    public PollingPlan Plan(long remainingQuota, TimeSpan timeLeftInDay, IReadOnlyList<ShopPollingProfile> shops)
    {
        ArgumentNullException.ThrowIfNull(shops);
        var minimum = _options.MinimumInterval;
        var longest = timeLeftInDay > minimum ? timeLeftInDay : minimum;
        var budget = (long)Math.Floor(Math.Max(0, remainingQuota) * _options.PollingShare);
        var seconds = Math.Max(0, timeLeftInDay.TotalSeconds);
        double reserved = 0;

        var costs = new double[shops.Count];
        var scores = new double[shops.Count];
        for (var i = 0; i < shops.Count; i++)
        {
            var shop = shops[i] ?? throw new ArgumentException("null shop profile", nameof(shops));
            ArgumentException.ThrowIfNullOrEmpty(shop.ShopId, nameof(shops));
            if (!double.IsFinite(shop.CallsPerCycle) || !double.IsFinite(shop.ChangesPerHour) || !double.IsFinite(shop.FixedCallsPerHour)
                || shop.CallsPerCycle < 0 || shop.ChangesPerHour < 0 || shop.FixedCallsPerHour < 0)
            {
                throw new ArgumentException($"shop {shop.ShopId}: calls per cycle, changes and fixed calls per hour must be finite and not negative", nameof(shops));
            }

            reserved += shop.FixedCallsPerHour * seconds / 3600;

            costs[i] = Math.Max(1, shop.CallsPerCycle);
            var weight = (shop.ChangesPerHour + _options.DormantChangesPerHour) * (shop.WebhooksCover ? _options.WebhookCoveredWeight : 1);
            scores[i] = Math.Sqrt(weight / costs[i]);
        }

        var frequencies = Frequencies(costs, scores, Math.Max(0, budget - reserved) / Math.Max(seconds, 1e-9), 1 / minimum.TotalSeconds, seconds > 0);
        var intervals = new Dictionary<string, TimeSpan>(shops.Count, StringComparer.Ordinal);
        double planned = 0;
        for (var i = 0; i < shops.Count; i++)
        {
            var interval = frequencies[i] > 0 ? TimeSpan.FromSeconds(1 / frequencies[i]) : longest;
            interval = interval < minimum ? minimum : interval > longest ? longest : interval;
            intervals.Add(shops[i].ShopId, interval);
            planned += costs[i] * seconds / interval.TotalSeconds;
        }

        return new PollingPlan(intervals, budget, planned, reserved);
    }

    // Water-filling: f_i = k × score_i with Σ cost_i × f_i = callsPerSecond, each f_i capped at maxFrequency.
    private static double[] Frequencies(double[] costs, double[] scores, double callsPerSecond, double maxFrequency, bool anyTimeLeft)
    {
        var frequencies = new double[costs.Length];
        if (!anyTimeLeft || callsPerSecond <= 0)
        {
            return frequencies;
        }

        var capped = new bool[costs.Length];
        while (true)
        {
            double spare = callsPerSecond, weight = 0;
            for (var i = 0; i < costs.Length; i++)
            {
                if (capped[i])
                {
                    spare -= costs[i] * maxFrequency;
                }
                else
                {
                    weight += costs[i] * scores[i];
                }
            }

            var k = weight > 0 ? Math.Max(0, spare) / weight : 0;
            var newlyCapped = false;
            for (var i = 0; i < costs.Length; i++)
            {
                if (!capped[i] && k * scores[i] > maxFrequency)
                {
                    capped[i] = newlyCapped = true;
                }
            }

            if (!newlyCapped)
            {
                for (var i = 0; i < costs.Length; i++)
                {
                    frequencies[i] = capped[i] ? maxFrequency : k * scores[i];
                }

                return frequencies;
            }
        }
    }
}
