using OpenClaw.TikTokShop.Simulator.Clock;

namespace OpenClaw.Grains.Tests.Sync;

/// <summary>
/// The grains' TikTok clock (<c>TikTokClock</c>) following the in-process simulator's clock, <paramref name="lead"/>
/// ahead: the simulator's data is consistent the instant it changes, so leading by the configured settle time lets a
/// window reach everything up to the simulator's "now" without the simulated clock (and its data) moving on.
/// </summary>
public sealed class SimulatorTimeProvider(SimulatedClock clock, TimeSpan lead) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => clock.Now + lead;
}
