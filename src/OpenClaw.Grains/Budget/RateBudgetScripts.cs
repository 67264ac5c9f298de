namespace OpenClaw.Grains.Budget;

/// <summary>
/// The Lua scripts behind <see cref="RateBudget"/>: each check-and-take is one atomic EVAL, so N silos never grant the
/// same token twice. The current time always comes in as an argument (milliseconds since the Unix epoch, from the
/// silo's <see cref="TimeProvider"/>); the scripts never call TIME. They run unchanged on Garnet (Lua 5.4,
/// <c>--lua true</c>) and redis-server (Lua 5.1): numbers are written with <c>%.17g</c>, replies are integers, a missing
/// value is <c>false</c>.
/// </summary>
internal static class RateBudgetScripts
{
    /// <summary>Reply codes of <see cref="Acquire"/> (first element; the second is the value named).</summary>
    public enum AcquireReply
    {
        /// <summary>Granted; value: calls used today after this one.</summary>
        Granted = 0,

        /// <summary>Not enough tokens; value: milliseconds until there should be; third element 1 when the app bucket is short.</summary>
        Wait = 1,

        /// <summary>Shop paused after a 429; value: paused until (ms).</summary>
        ShopPaused = 2,

        /// <summary>App paused after 45101004; value: paused until (ms).</summary>
        AppPaused = 3,

        /// <summary>Today's quota for this priority is used (the rest is reserved for higher ones); value: the day's end (ms).</summary>
        DailyQuotaUsed = 4,

        /// <summary>Backfill ahead of its linear pace; value: when the pace catches up (ms).</summary>
        AheadOfPace = 5,
    }

    // Refills a bucket read with HMGET t ts f …: returns tokens, refill time and rate factor at `now`. A missing bucket
    // is full. The rate factor (halved by 429s) recovers linearly; a clock behind the stored time refills nothing.
    private const string Refill = """
        local function fmt(x) return string.format('%.17g', x) end
        local function refill(h, now, rate, burst, recovery)
          local t = h[1] and tonumber(h[1])
          if not t then return burst, now, 1 end
          local ts = tonumber(h[2]) or now
          local f = tonumber(h[3]) or 1
          local dt = math.max(0, now - ts) / 1000
          f = math.min(1, f + recovery * dt)
          return math.min(burst, t + dt * rate * f), math.max(ts, now), f
        end

        """;

    /// <summary>
    /// KEYS: app bucket, shop bucket, day hash, app pause. ARGV: 1 now ms, 2 priority (1–3), 3 app rate/s, 4 app burst,
    /// 5 app reserve (tokens), 6 shop rate/s, 7 shop burst, 8 shop reserve (tokens), 9 quota limit for the priority,
    /// 10 backfill pace cap (−1 when not paced), 11 day start ms, 12 day end ms, 13 recovery/s, 14 bucket idle TTL ms,
    /// 15 day hash TTL ms, 16 minute field. Order of checks: app pause, shop pause, quota, pace, tokens.
    /// </summary>
    public const string Acquire = Refill + """
        local now = tonumber(ARGV[1])
        local paused = tonumber(redis.call('GET', KEYS[4]) or '0')
        if paused > now then return {3, paused} end
        local s = redis.call('HMGET', KEYS[2], 't', 'ts', 'f', 'pu')
        local pu = tonumber(s[4] or '0')
        if pu > now then return {2, pu} end
        local used = tonumber(redis.call('HGET', KEYS[3], 'used') or '0')
        local dayStart = tonumber(ARGV[11])
        local dayEnd = tonumber(ARGV[12])
        if used >= tonumber(ARGV[9]) then return {4, dayEnd} end
        local cap = tonumber(ARGV[10])
        if cap >= 0 and used >= cap * (now - dayStart) / (dayEnd - dayStart) then
          return {5, math.min(dayEnd, dayStart + math.floor(used * (dayEnd - dayStart) / cap) + 1)}
        end
        local appRate, appBurst, appNeed = tonumber(ARGV[3]), tonumber(ARGV[4]), 1 + tonumber(ARGV[5])
        local shopRate, shopBurst, shopNeed = tonumber(ARGV[6]), tonumber(ARGV[7]), 1 + tonumber(ARGV[8])
        local recovery = tonumber(ARGV[13])
        local at, ats, af = refill(redis.call('HMGET', KEYS[1], 't', 'ts', 'f'), now, appRate, appBurst, recovery)
        local st, sts, sf = refill(s, now, shopRate, shopBurst, recovery)
        if at < appNeed or st < shopNeed then
          local wait, appShort = 0, 0
          if at < appNeed then wait = (appNeed - at) / (appRate * af); appShort = 1 end
          if st < shopNeed then wait = math.max(wait, (shopNeed - st) / (shopRate * sf)) end
          return {1, math.max(1, math.ceil(wait * 1000)), appShort}
        end
        redis.call('HSET', KEYS[1], 't', fmt(at - 1), 'ts', fmt(ats), 'f', fmt(af))
        redis.call('PEXPIRE', KEYS[1], ARGV[14])
        redis.call('HSET', KEYS[2], 't', fmt(st - 1), 'ts', fmt(sts), 'f', fmt(sf))
        redis.call('PEXPIRE', KEYS[2], ARGV[14])
        used = redis.call('HINCRBY', KEYS[3], 'used', 1)
        redis.call('HINCRBY', KEYS[3], 'p' .. ARGV[2], 1)
        redis.call('HINCRBY', KEYS[3], ARGV[16], 1)
        redis.call('PEXPIRE', KEYS[3], ARGV[15])
        return {0, used}
        """;

    /// <summary>
    /// KEYS: app bucket, shop bucket. ARGV: 1 now ms, 2 shop paused until ms, 3 app rate/s, 4 app burst, 5 shop rate/s,
    /// 6 shop burst, 7 recovery/s, 8 bucket idle TTL ms, 9 reports that slow the app, 10 their window ms, 11 lowest rate
    /// factor. Empties the shop bucket, halves its rate, pauses it; counts the report for the app and halves the app's
    /// rate after enough of them in the window. Reply: shop paused until ms, app rate factor × 1000.
    /// </summary>
    public const string ReportRateLimited = Refill + """
        local now = tonumber(ARGV[1])
        local recovery, ttl, minFactor = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[11])
        local s = redis.call('HMGET', KEYS[2], 't', 'ts', 'f', 'pu')
        local st, sts, sf = refill(s, now, tonumber(ARGV[5]), tonumber(ARGV[6]), recovery)
        local pu = math.max(tonumber(s[4] or '0'), tonumber(ARGV[2]))
        redis.call('HSET', KEYS[2], 't', '0', 'ts', fmt(sts), 'f', fmt(math.max(minFactor, sf / 2)), 'pu', fmt(pu))
        redis.call('PEXPIRE', KEYS[2], math.floor(math.max(0, pu - now) + ttl))
        local a = redis.call('HMGET', KEYS[1], 't', 'ts', 'f', 'lc', 'lw')
        local at, ats, af = refill(a, now, tonumber(ARGV[3]), tonumber(ARGV[4]), recovery)
        local lc, lw = tonumber(a[4] or '0'), tonumber(a[5] or '0')
        if now - lw > tonumber(ARGV[10]) then lc = 0; lw = now end
        lc = lc + 1
        if lc >= tonumber(ARGV[9]) then af = math.max(minFactor, af / 2); lc = 0; lw = now end
        redis.call('HSET', KEYS[1], 't', fmt(at), 'ts', fmt(ats), 'f', fmt(af), 'lc', fmt(lc), 'lw', fmt(lw))
        redis.call('PEXPIRE', KEYS[1], ttl)
        return {pu, math.floor(af * 1000)}
        """;

    /// <summary>
    /// KEYS: app pause, day hash. ARGV: 1 now ms, 2 paused until ms, 3 day hash TTL ms. Pauses the app (never
    /// shortens a pause) and notes the time in the day hash. Reply: paused until ms.
    /// </summary>
    public const string ReportQuotaExhausted = """
        local now = tonumber(ARGV[1])
        local pausedUntil = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(ARGV[2]))
        redis.call('SET', KEYS[1], string.format('%.17g', pausedUntil), 'PX', math.max(1, math.floor(pausedUntil - now)))
        redis.call('HSET', KEYS[2], 'ex', ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ARGV[3])
        return pausedUntil
        """;
}
