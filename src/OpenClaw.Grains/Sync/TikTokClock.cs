namespace OpenClaw.Grains.Sync;

/// <summary>
/// The clock of TikTok's data, as a keyed <see cref="TimeProvider"/>: sync windows and token expiries are instants on
/// TikTok's side. In production it is the system clock; the local simulator can run its own clock faster or frozen,
/// and tests then register a provider that follows it. Request signing always uses the real clock (the contract's
/// timestamp window is TikTok's real time).
/// </summary>
public static class TikTokClock
{
    /// <summary>The DI service key of the keyed <see cref="TimeProvider"/>.</summary>
    public const string ServiceKey = "tiktok-clock";
}
