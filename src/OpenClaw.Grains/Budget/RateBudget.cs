using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Resilience;
using StackExchange.Redis;

namespace OpenClaw.Grains.Budget;

/// <summary>
/// The cluster-wide <see cref="IRateBudget"/>: one singleton per silo, state in Redis so N silos together respect
/// the app's limits (ARCHITECTURE §5). Each check-and-take is one Lua script (<see cref="RateBudgetScripts"/>): token
/// buckets per app (<see cref="RateBudgetOptions.PerAppPerSecond"/>) and per app + shop
/// (<see cref="RateBudgetOptions.PerShopPerSecond"/>), the daily quota with reserves per priority and a linear pace for
/// backfill, pauses after 429 (Retry-After) and after 45101004 (the whole app). Key layout: <see cref="RateBudgetKeys"/>.
/// </summary>
/// <remarks>
/// <para>Waiting: token waits and pauses up to <see cref="RateBudgetOptions.MaxPauseWait"/> are waited out; longer pauses
/// throw <see cref="RateBudgetPausedException"/> at once (and, once known, without asking Redis again until they end), so
/// a sync loop stops and reschedules instead of holding a grain turn for hours. Incremental and backfill calls wait at
/// most <see cref="RateBudgetOptions.SyncMaxWait"/> in all (tokens, line, pauses), then are refused with the time to try
/// again (<see cref="RateBudgetPauseReason.Contended"/> when nothing is paused), so a sync turn never holds its grain
/// long while the budget is contended.</para>
/// <para>Fairness: on each silo a shop has at most one caller per priority in that priority's line, and the line asks
/// Redis for a few callers at a time in arrival order (<see cref="WaitingLines{TKey}"/>): shops take turns (round robin), so a
/// shop's queue length buys it no larger share. A caller that waits only for its own shop steps out of the line. Between
/// silos each silo's head of line competes for the app's tokens. Lower priorities leave a reserve of every bucket to
/// higher ones, and each priority has its own line, so backfill never queues ahead of incremental.</para>
/// <para><see cref="CallPriority.TokenRefresh"/> goes to the auth service, which has no quota and is not TikTok's API
/// rate limit: it is never paused or refused, only counted (<c>p0</c>, one round trip) for visibility.</para>
/// <para>Redis unreachable: <see cref="AcquireAsync"/> fails with StackExchange.Redis' exception (fail closed), except
/// for token refreshes, whose failed count is only logged.</para>
/// </remarks>
public sealed partial class RateBudget : IRateBudget, IDisposable
{
    private const double MinimumRateFactor = 0.1;

    // Callers of one priority asking Redis at once on a silo. One at a time capped a silo at one grant per round trip
    // (~300 a second over three priorities on a loaded 2-core machine, docs/benchmarks.md), far below the app's rate,
    // and the rest of the line was refused after SyncMaxWait; eight keep arrival order and fairness between shops.
    private const int RoundTripsInFlight = 8;
    private static readonly TimeSpan MinimumIdleTtl = TimeSpan.FromMinutes(1);

    private readonly IConnectionMultiplexer _redis;
    private readonly RateBudgetOptions _options;
    private readonly TimeZoneInfo _zone;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WaitingLines<(string Shop, CallPriority Priority)> _shopLines = new();
    private readonly WaitingLines<CallPriority> _priorityLines = new(RoundTripsInFlight);
    private readonly RateBudgetMetrics _metrics;
    private readonly long _idleTtlMs;

    // Per priority: a pause this silo already knows about (app paused, daily quota used, backfill ahead of pace), so
    // callers are refused without a round trip until it ends. Quota use only grows within a day, so none ends early.
    private readonly KnownPause?[] _known = new KnownPause?[4];

    /// <summary>Creates the budget.</summary>
    /// <param name="redis">The silo's Redis connection (the keyed service <c>redis</c>).</param>
    /// <param name="options">Settings; validated here as at start (<see cref="RateBudgetOptionsValidator"/>).</param>
    /// <param name="time">Clock for every rule; its time is passed into the scripts.</param>
    /// <param name="meterFactory">Creates meter <c>OpenClaw.Budget</c>; a private meter when null.</param>
    /// <param name="logger">Logs failed background reports.</param>
    public RateBudget(IConnectionMultiplexer redis, RateBudgetOptions options, TimeProvider? time = null,
        IMeterFactory? meterFactory = null, ILogger<RateBudget>? logger = null)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (RateBudgetOptionsValidator.Failures(options) is { Count: > 0 } failures)
        {
            throw new OptionsValidationException(RateBudgetOptions.SectionName, typeof(RateBudgetOptions), failures);
        }

        RateBudgetOptionsValidator.TryFindTimeZone(options.QuotaDayTimeZone, out _zone);
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<RateBudget>.Instance;
        Keys = new RateBudgetKeys(options.AppKey);
        _metrics = new RateBudgetMetrics(meterFactory, options.DailyQuota, _time);
        var idle = new[] { MinimumIdleTtl, TimeSpan.FromSeconds(2 * options.BurstSeconds), TimeSpan.FromSeconds(2 / options.RecoveryPerSecond), options.AppSlowdownWindow }.Max();
        _idleTtlMs = (long)idle.TotalMilliseconds;
    }

    /// <summary>The Redis keys of this app's budget.</summary>
    public RateBudgetKeys Keys { get; }

    /// <inheritdoc />
    public async ValueTask<TimeSpan> AcquireAsync(string shopId, CallPriority priority, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        ThrowIfUnknown(priority);
        var started = _time.GetTimestamp();
        if (priority == CallPriority.TokenRefresh)
        {
            await TryAcquireAsync(shopId, priority).ConfigureAwait(false);
            _metrics.Waited(priority, TimeSpan.Zero);
            return TimeSpan.Zero;
        }

        // Sync calls (incremental, backfill) wait at most SyncMaxWait in all, so a sync turn gives its grain back to other
        // callers while the budget is contended; webhook calls wait as before.
        var deadline = priority >= CallPriority.Incremental ? _time.GetUtcNow() + _options.SyncMaxWait : (DateTimeOffset?)null;
        using var patience = deadline is null ? null : new CancellationTokenSource(_options.SyncMaxWait, _time);
        using var linked = patience is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, patience.Token);
        var token = linked?.Token ?? cancellationToken;
        try
        {
            await WaitOrThrowAsync(shopId, priority, KnownPauseDecision(priority), deadline, token).ConfigureAwait(false);

            // One caller per shop and priority joins the priority's line; the line serves shops in arrival order, so a shop
            // with a thousand queued calls and a shop with one take turns (round robin on this silo).
            using var shopTurn = await _shopLines.EnterAsync((shopId, priority), token).ConfigureAwait(false);
            while (true)
            {
                RateBudgetDecision decision;
                using (await _priorityLines.EnterAsync(priority, token).ConfigureAwait(false))
                {
                    while (true)
                    {
                        decision = await TryAcquireAsync(shopId, priority).ConfigureAwait(false);
                        if (decision.Granted)
                        {
                            var waited = _time.GetElapsedTime(started);
                            _metrics.Waited(priority, waited);
                            return waited;
                        }

                        if (decision.ShopSpecific)
                        {
                            break;
                        }

                        // Short of app tokens (or a short app-wide pause): every shop behind would wait too; wait at the head.
                        await WaitOrThrowAsync(shopId, priority, decision, deadline, token).ConfigureAwait(false);
                    }
                }

                // Only this shop must wait (its bucket or its Retry-After): step out so other shops go, then queue again.
                await WaitOrThrowAsync(shopId, priority, decision, deadline, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (patience?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            // Still in line at the deadline: come back when the callers ahead of it on this silo should have been served.
            var ahead = _priorityLines.UsersOf(priority);
            var perSecond = _options.PerAppPerSecond * (1 - RateReserve(priority));
            var retryIn = TimeSpan.FromSeconds(ahead / Math.Max(perSecond, 1e-3));
            _metrics.Refused(priority, RateBudgetPauseReason.Contended);
            throw new RateBudgetPausedException(RateBudgetPauseReason.Contended,
                _time.GetUtcNow() + (retryIn > _options.SyncMaxWait ? retryIn : _options.SyncMaxWait), shopId, priority);
        }
    }

    /// <summary>
    /// One check-and-take without waiting: grants and counts the call, or says how long to wait or until when the
    /// priority is paused. One Redis round trip, none while a pause is already known.
    /// </summary>
    public async Task<RateBudgetDecision> TryAcquireAsync(string shopId, CallPriority priority)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        ThrowIfUnknown(priority);
        var now = _time.GetUtcNow();
        var day = QuotaDay.Containing(now, _zone);
        var db = _redis.GetDatabase();
        if (priority == CallPriority.TokenRefresh)
        {
            // The auth service has no quota: always granted, only counted for visibility (a failed count is logged).
            await CountTokenRefreshAsync(db, day, now).ConfigureAwait(false);
            _metrics.Granted(priority);
            return RateBudgetDecision.Grant;
        }

        if (KnownPauseDecision(priority) is { } known)
        {
            return known;
        }

        var appBurst = _options.PerAppPerSecond * _options.BurstSeconds;
        var shopBurst = _options.PerShopPerSecond * _options.BurstSeconds;
        var rateReserve = RateReserve(priority);
        var reply = (RedisResult[])(await db.ScriptEvaluateAsync(RateBudgetScripts.Acquire,
            [Keys.App, Keys.Shop(shopId), Keys.Day(day.Date), Keys.Pause],
            [
                now.ToUnixTimeMilliseconds(), (int)priority,
                _options.PerAppPerSecond, appBurst, appBurst * rateReserve,
                _options.PerShopPerSecond, shopBurst, shopBurst * rateReserve,
                QuotaLimit(priority), priority == CallPriority.Backfill && _options.BackfillPaceHeadStart < 1 ? BackfillCap : -1,
                PaceStart(day).ToUnixTimeMilliseconds(), day.End.ToUnixTimeMilliseconds(),
                _options.RecoveryPerSecond, _idleTtlMs, (long)DayTtl(day, now).TotalMilliseconds,
                RateBudgetKeys.MinuteField(day, now),
            ]).ConfigureAwait(false))!;
        var value = (long)reply[1];
        var at = DateTimeOffset.FromUnixTimeMilliseconds(value);
        switch ((RateBudgetScripts.AcquireReply)(long)reply[0])
        {
            case RateBudgetScripts.AcquireReply.Granted:
                _metrics.Granted(priority);
                _metrics.UsedToday(value);
                return RateBudgetDecision.Grant;
            case RateBudgetScripts.AcquireReply.Wait:
                return RateBudgetDecision.WaitFor(TimeSpan.FromMilliseconds(value), shopSpecific: (long)reply[2] == 0);
            case RateBudgetScripts.AcquireReply.ShopPaused:
                return RateBudgetDecision.PausedUntil(RateBudgetPauseReason.ShopRateLimited, at);
            case RateBudgetScripts.AcquireReply.AppPaused:
                RememberAppPause(at);
                return RateBudgetDecision.PausedUntil(RateBudgetPauseReason.QuotaExhausted, at);
            case RateBudgetScripts.AcquireReply.DailyQuotaUsed:
                return Remember(priority, RateBudgetPauseReason.DailyQuotaUsed, at);
            default:
                return Remember(priority, RateBudgetPauseReason.BackfillAheadOfPace, at);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _metrics.Dispose();

    // Waits out a short pause or token wait; throws for a pause longer than MaxPauseWait, and for any wait that would end
    // after the sync call's deadline (with the pause's reason, or Contended for a token wait, and when to try again).
    private async ValueTask WaitOrThrowAsync(string shopId, CallPriority priority, RateBudgetDecision? decision, DateTimeOffset? deadline,
        CancellationToken cancellationToken)
    {
        if (decision is not { } d)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var wait = d.Wait;
        if (d is { PauseReason: { } reason, RetryAt: { } retryAt })
        {
            wait = retryAt - now;
            if (wait > _options.MaxPauseWait)
            {
                _metrics.Refused(priority, reason);
                throw new RateBudgetPausedException(reason, retryAt, shopId, priority);
            }
        }

        if (now + wait > deadline)
        {
            var refusal = d.PauseReason ?? RateBudgetPauseReason.Contended;
            _metrics.Refused(priority, refusal);
            throw new RateBudgetPausedException(refusal, d.RetryAt ?? now + wait, shopId, priority);
        }

        await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1), _time, cancellationToken).ConfigureAwait(false);
    }

    private static void ThrowIfUnknown(CallPriority priority)
    {
        if (!Enum.IsDefined(priority))
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, "unknown call priority");
        }
    }

    private RateBudgetDecision? KnownPauseDecision(CallPriority priority) =>
        Volatile.Read(ref _known[(int)priority]) is { } known && known.Until > _time.GetUtcNow()
            ? RateBudgetDecision.PausedUntil(known.Reason, known.Until)
            : null;

    private RateBudgetDecision Remember(CallPriority priority, RateBudgetPauseReason reason, DateTimeOffset until)
    {
        Volatile.Write(ref _known[(int)priority], new KnownPause(reason, until));
        return RateBudgetDecision.PausedUntil(reason, until);
    }

    private void RememberAppPause(DateTimeOffset until)
    {
        _metrics.AppPausedUntil(until);
        for (var p = (int)CallPriority.Webhook; p <= (int)CallPriority.Backfill; p++)
        {
            if (Volatile.Read(ref _known[p]) is not { } known || known.Until < until)
            {
                Volatile.Write(ref _known[p], new KnownPause(RateBudgetPauseReason.QuotaExhausted, until));
            }
        }
    }

    private double RateReserve(CallPriority priority) => priority switch
    {
        CallPriority.Webhook => _options.WebhookRateReserve,
        CallPriority.Incremental => _options.IncrementalRateReserve,
        _ => _options.BackfillRateReserve,
    };

    /// <summary>Calls of the day <paramref name="priority"/> may reach: the quota less the share it leaves to higher priorities.</summary>
    public long QuotaLimit(CallPriority priority) => (long)Math.Floor(_options.DailyQuota * (1 - priority switch
    {
        CallPriority.Webhook => _options.WebhookQuotaReserve,
        CallPriority.Incremental => _options.IncrementalQuotaReserve,
        _ => _options.BackfillQuotaReserve,
    }));

    // A day's counts stay readable for a day after it ends. Relative, so a clock unlike the server's cannot expire them early.
    private static TimeSpan DayTtl(QuotaDay day, DateTimeOffset now) => day.End.AddDays(1) - now;

    private double BackfillCap => _options.DailyQuota * (1 - _options.BackfillQuotaReserve);

    // The script paces backfill on the line from (start, 0) to (day end, cap); starting the line h ÷ (1 − h) days early
    // makes it cap × (h + (1 − h) × f) at a fraction f of the day: the head start h at the day's start, cap at its end.
    private DateTimeOffset PaceStart(QuotaDay day)
    {
        var h = Math.Min(_options.BackfillPaceHeadStart, 0.99);
        return day.Start - ((day.End - day.Start) * (h / (1 - h)));
    }

    private sealed record KnownPause(RateBudgetPauseReason Reason, DateTimeOffset Until);
}
