using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Simulator.Hosting;

namespace OpenClaw.TikTokShop.Simulator.Clock;

/// <summary>
/// Simulated time = <c>ClockStart</c> + real elapsed × speed + manual advances. Everything the generator shows is a
/// function of this clock; request timestamps are still checked against the real clock because clients sign with it.
/// </summary>
public sealed class SimulatedClock
{
    private readonly TimeProvider _real;
    private readonly Lock _gate = new();
    private long _anchorRealTicks;
    private DateTimeOffset _anchorSimulated;
    private double _speed;

    /// <summary>Creates the clock from settings.</summary>
    public SimulatedClock(IOptions<SimulatorSettings> settings, TimeProvider real)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _real = real;
        _anchorRealTicks = real.GetTimestamp();
        _anchorSimulated = settings.Value.ClockStart;
        _speed = settings.Value.ClockSpeed;
    }

    /// <summary>The current simulated time.</summary>
    public DateTimeOffset Now
    {
        get
        {
            lock (_gate)
            {
                return NowLocked();
            }
        }
    }

    /// <summary>The current simulated time in Unix seconds.</summary>
    public long NowUnix => Now.ToUnixTimeSeconds();

    /// <summary>Simulated seconds per real second.</summary>
    public double Speed
    {
        get
        {
            lock (_gate)
            {
                return _speed;
            }
        }
    }

    /// <summary>Real wall-clock time (request timestamps are checked against it).</summary>
    public DateTimeOffset RealNow => _real.GetUtcNow();

    /// <summary>Moves simulated time forward.</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        lock (_gate)
        {
            Rebase();
            _anchorSimulated += by;
            return _anchorSimulated;
        }
    }

    /// <summary>Changes the speed from now on; time already elapsed is kept.</summary>
    public void SetSpeed(double speed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(speed);
        lock (_gate)
        {
            Rebase();
            _speed = speed;
        }
    }

    private void Rebase()
    {
        _anchorSimulated = NowLocked();
        _anchorRealTicks = _real.GetTimestamp();
    }

    private DateTimeOffset NowLocked()
    {
        var elapsed = _real.GetElapsedTime(_anchorRealTicks);
        // Truncate to whole milliseconds so repeated reads are stable enough for logs and comparisons.
        var simulatedMs = (long)(elapsed.TotalMilliseconds * _speed);
        return _anchorSimulated.AddMilliseconds(simulatedMs);
    }
}
