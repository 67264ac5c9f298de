using System.Globalization;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Simulator.Api;
using OpenClaw.TikTokShop.Simulator.Clock;
using OpenClaw.TikTokShop.Simulator.Hosting;

namespace OpenClaw.TikTokShop.Simulator.RateLimits;

/// <summary>
/// The app's daily call quota (the customer's documents: 50,000 calls a day basic, 200,000 enterprise). Every signed
/// call that passes the app-key and signature checks counts. The day is the UTC day of SIMULATED time, so tests can
/// cross midnight with <c>/_sim/clock/advance</c> (TikTok does not document its reset boundary). A call that would go
/// over answers 429 / 45101004 and pauses the app for <c>QuotaPauseSeconds</c> of simulated time; every call in the
/// pause gets the same answer and is not counted. After the pause a call passes only if the day's count has room.
/// </summary>
public sealed class DailyQuota
{
    private readonly SimulatedClock _clock;
    private readonly long _pauseSeconds;
    private readonly Lock _gate = new();
    private long _limit;
    private long _day;
    private long _used;
    private long? _pausedUntil;

    /// <summary>Creates the quota from settings.</summary>
    public DailyQuota(IOptions<SimulatorSettings> settings, SimulatedClock clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _clock = clock;
        _limit = settings.Value.RateLimit.DailyQuota;
        _pauseSeconds = settings.Value.RateLimit.QuotaPauseSeconds;
    }

    /// <summary>Counts one call at the current simulated time; returns the error to answer with when the app is over its quota or paused.</summary>
    public ApiError? Admit()
    {
        var now = _clock.NowUnix;
        long pausedUntil;
        lock (_gate)
        {
            RollDay(now);
            if (_pausedUntil is { } until && now < until)
            {
                pausedUntil = until;
            }
            else if (_limit > 0 && _used >= _limit)
            {
                pausedUntil = now + _pauseSeconds;
                _pausedUntil = pausedUntil;
            }
            else
            {
                _pausedUntil = null;
                _used++;
                return null;
            }
        }

        return Exceeded(pausedUntil, now);
    }

    /// <summary>The quota as <c>/_sim/quota</c> shows it at the current simulated time.</summary>
    public QuotaState State()
    {
        var now = _clock.NowUnix;
        lock (_gate)
        {
            RollDay(now);
            var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(now).UtcDateTime);
            return new QuotaState(_limit, _used, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), _pausedUntil > now ? _pausedUntil : null);
        }
    }

    /// <summary>Sets the calls allowed per simulated day (0 = unlimited) and ends any pause; the day's count is kept.</summary>
    public void Configure(long dailyQuota)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dailyQuota);
        lock (_gate)
        {
            _limit = dailyQuota;
            _pausedUntil = null;
        }
    }

    private void RollDay(long now)
    {
        var day = Math.DivRem(now, 86_400, out var rest) - (rest < 0 ? 1 : 0);
        if (day != _day)
        {
            _day = day;
            _used = 0;
        }
    }

    private ApiError Exceeded(long pausedUntil, long now)
    {
        var until = DateTimeOffset.FromUnixTimeSeconds(pausedUntil).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        // Contract §4 lists 45101004 with HTTP 200; the customer's documents say 429, which is what the quota answers
        // (an `error` fault with code 45101004 still answers the contract's 200, so clients can be tested on both).
        return new ApiError(ErrorCodes.DailyQuotaExhausted, StatusCodes.Status429TooManyRequests,
            string.Create(CultureInfo.InvariantCulture, $"the app exceeded its daily quota of {_limit} requests; paused until {until}"))
        {
            RetryAfterSeconds = RealSecondsUntil(pausedUntil - now),
        };
    }

    /// <summary>
    /// Simulated seconds left, as real seconds at the current clock speed (rounded up, at least 1). A frozen clock
    /// (speed 0) ends the pause only when advanced, so the header then carries the simulated seconds left: what a
    /// client whose clock follows <c>/_sim/clock</c> must wait.
    /// </summary>
    private long RealSecondsUntil(long simulatedSeconds)
    {
        var speed = _clock.Speed;
        var real = speed > 0 ? Math.Ceiling(simulatedSeconds / speed) : simulatedSeconds;
        return (long)Math.Max(1, real);
    }
}

/// <summary>The daily quota as <c>GET /_sim/quota</c> shows it.</summary>
/// <param name="DailyQuota">Calls allowed per simulated UTC day; 0 = unlimited.</param>
/// <param name="Used">Calls counted on <paramref name="Day"/> (calls answered 45101004 are not counted).</param>
/// <param name="Day">The simulated UTC day being counted, yyyy-MM-dd.</param>
/// <param name="PausedUntil">End of the current pause in simulated Unix seconds; null when the app is not paused.</param>
public sealed record QuotaState(long DailyQuota, long Used, string Day, long? PausedUntil);
