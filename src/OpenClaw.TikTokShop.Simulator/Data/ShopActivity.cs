using OpenClaw.TikTokShop.Simulator.Hosting;

namespace OpenClaw.TikTokShop.Simulator.Data;

/// <summary>
/// A shop's activity: the factor its average daily order count is multiplied by. Orders, and with them returns,
/// cancellations, packages, webhooks, the ground truth and analytics, all follow it; the catalogue size does not.
/// </summary>
public static class ShopActivity
{
    /// <summary>Share of nearly dormant shops under <see cref="ActivitySpread.Varied"/>.</summary>
    public const double DormantShare = 0.20;

    /// <summary>Share of very busy shops under <see cref="ActivitySpread.Varied"/>.</summary>
    public const double BusyShare = 0.05;

    // The fractional part of the golden ratio: stepping a phase by it spreads consecutive shops evenly over [0, 1),
    // so even a few dozen shops get close to the intended shares (independent draws would often give no busy shop).
    private const double GoldenStep = 0.6180339887498949;

    /// <summary>The factor of shop <paramref name="index"/>; <paramref name="evenDraw"/> is the shop's own uniform draw in [0, 1).</summary>
    public static double Factor(ActivitySpread spread, int seed, int index, double evenDraw)
    {
        if (spread == ActivitySpread.Even)
        {
            return 0.5 + evenDraw;
        }

        var offset = new DeterministicRandom(seed, 6).NextDouble();
        var phase = (offset + index * GoldenStep) % 1.0;
        var magnitude = new DeterministicRandom(seed, 7, index).NextDouble();
        return phase switch
        {
            < DormantShare => 0.02 + 0.06 * magnitude,
            < 1 - BusyShare => 0.5 + magnitude,
            _ => 5 + 5 * magnitude,
        };
    }
}
