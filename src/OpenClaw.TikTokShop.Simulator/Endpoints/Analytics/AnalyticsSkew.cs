using System.Collections.Concurrent;
using System.Globalization;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Truth;

namespace OpenClaw.TikTokShop.Simulator.Endpoints.Analytics;

/// <summary>
/// The reconciliation knob (<c>/_sim/analytics/skew</c>): per shop and shop-local day, a factor by which shop performance
/// reports that day's orders, GMV and refunds, so a test can make TikTok's figures disagree with the orders it serves.
/// In memory, like the other admin overlays.
/// </summary>
public sealed class AnalyticsSkew
{
    /// <summary>The smallest factor accepted (exclusive): a factor must be positive.</summary>
    public const decimal MinFactorExclusive = 0m;

    /// <summary>The largest factor accepted.</summary>
    public const decimal MaxFactor = 10m;

    private readonly ConcurrentDictionary<(string ShopId, DateOnly Date), decimal> _factors = new();

    /// <summary>Sets the factor of one shop-local day (replacing an earlier one).</summary>
    public void Set(Shop shop, DateOnly date, decimal factor)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(factor, MinFactorExclusive);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(factor, MaxFactor);
        _factors[(shop.Id, date)] = factor;
    }

    /// <summary>Clears the factors of one day of a shop, of every day of a shop, or (both null) of everything.</summary>
    public void Clear(Shop? shop, DateOnly? date)
    {
        foreach (var key in _factors.Keys.Where(k => (shop is null || k.ShopId == shop.Id) && (date is null || k.Date == date)))
        {
            _factors.TryRemove(key, out _);
        }
    }

    /// <summary>Every factor set, by shop and day.</summary>
    public IReadOnlyList<(string ShopId, DateOnly Date, decimal Factor)> All =>
        _factors.OrderBy(f => f.Key.ShopId, StringComparer.Ordinal).ThenBy(f => f.Key.Date).Select(f => (f.Key.ShopId, f.Key.Date, f.Value)).ToList();

    /// <summary>
    /// The day as shop performance reports it: orders × factor rounded to an integer, GMV and refunds × factor rounded
    /// to the currency's minor units (half away from zero); unchanged when no factor is set.
    /// </summary>
    public DayTruth Apply(Shop shop, DayTruth day)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(day);
        var date = DateOnly.ParseExact(day.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (!_factors.TryGetValue((shop.Id, date), out var factor))
        {
            return day;
        }

        return day with
        {
            OrdersPaid = (int)Math.Round(day.OrdersPaid * factor, MidpointRounding.AwayFromZero),
            GmvValue = shop.Region.Round(day.GmvValue * factor),
            RefundValue = shop.Region.Round(day.RefundValue * factor),
        };
    }
}
