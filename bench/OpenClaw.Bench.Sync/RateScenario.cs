using System.Globalization;
using System.Text;
using OpenClaw.Bench.Cluster;
using OpenClaw.Grains.Budget;
using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Sync;

namespace OpenClaw.Bench.Sync;

/// <summary>
/// <c>rate</c>: N shops (<c>ActivitySpread=Varied</c>) of one app under the simulator's per-app and per-shop QPS limits
/// and a daily quota, with the budget set slightly below them. Phase 1 (clock at real speed, starting 23:00 simulated):
/// onboarding, then backfill; measured after a warm-up: 429s and calls/s ÷ QPS limit while backfill work remains.
/// Phase 2: the next simulated day, the clock jumping <c>--day-step</c> at a time with <c>--dwell</c> real seconds at
/// real speed in between: 429s, quota used and left at the day's end, sync lag against the effective polling interval.
/// </summary>
internal static class RateScenario
{
    public static async Task<string> RunAsync(BenchOptions o, CancellationToken ct)
    {
        var shopsCount = o.Int("shops", 500);
        var appQps = o.Int("app-qps", 100);
        var shopQps = o.Int("shop-qps", 10);
        var quota = o.Long("quota", 30_000);
        var qpsShare = o.Double("budget-qps-share", 0.9);
        var quotaShare = o.Double("budget-quota-share", 0.95);
        var backfillDays = o.Int("backfill-days", 3);
        var productBackfillDays = o.Int("product-backfill-days", 0);
        var warmup = TimeSpan.FromSeconds(o.Int("warmup", 15));
        var rateCap = TimeSpan.FromSeconds(o.Int("rate-seconds", 150));
        var step = TimeSpan.FromSeconds(o.Int("day-step", 300));
        var jumps = new List<TimeSpan>();
        var dwell = TimeSpan.FromSeconds(o.Double("dwell", 1.5));
        var idle = TimeSpan.FromSeconds(o.Double("max-idle", 1));
        var settle = TimeSpan.FromSeconds(15);
        var budgetApp = appQps * qpsShare;
        var budgetShop = shopQps * qpsShare;
        var budgetQuota = (long)(quota * quotaShare);

        await using var garnet = await Garnet.StartAsync(o.Text("garnet-memory", "1g"));
        using var redis = await Garnet.ConnectAsync(garnet.ConnectionString);
        var today = DateTime.UtcNow.Date;
        var clockStart = new DateTimeOffset(today.AddHours(23), TimeSpan.Zero);
        await using var simulator = await SimulatorHost.StartAsync(
        [
            $"Seed={o.Int("seed", 7)}", $"ShopCount={shopsCount}", "ActivitySpread=Varied", "ClockSpeed=1", "ClockStart=" + SimulatorHost.Iso(clockStart),
            $"RateLimit:PerAppPerSecond={appQps}", $"RateLimit:PerShopPerSecond={shopQps}", $"RateLimit:DailyQuota={quota}",
        ]);
        Console.WriteLine($"simulator {simulator.Url}: {shopsCount} shops, {appQps}/s per app, {shopQps}/s per shop, quota {quota:N0}/day, clock {simulator.Clock.Now:u}");

        var settings = new Dictionary<string, string?>
        {
            ["TikTokShop:AppKey"] = SimulatorHost.AppKey,
            ["TikTokShop:AppSecret"] = SimulatorHost.AppSecret,
            ["TikTokShop:ServiceId"] = SimulatorHost.ServiceId,
            ["TikTokShop:ApiBaseUrl"] = simulator.Url,
            ["TikTokShop:AuthBaseUrl"] = simulator.Url,
            ["TikTokShop:AuthorizeBaseUrl"] = simulator.Url,
            ["RateBudget:AppKey"] = "bench-rate",
            ["RateBudget:PerAppPerSecond"] = Num(budgetApp),
            ["RateBudget:PerShopPerSecond"] = Num(budgetShop),
            ["RateBudget:DailyQuota"] = Num(budgetQuota),
            ["Sync:Settle"] = settle.ToString("c", CultureInfo.InvariantCulture),
            ["Sync:InitialBackfill"] = TimeSpan.FromDays(backfillDays).ToString("c", CultureInfo.InvariantCulture),
            ["Sync:ProductBackfill"] = TimeSpan.FromDays(productBackfillDays).ToString("c", CultureInfo.InvariantCulture),
            // A shop with nothing due looks again within this (real) time: how fast it notices that a clock jump made it due.
            ["Sync:MaxIdleDelay"] = idle.ToString("c", CultureInfo.InvariantCulture),
        };
        var logLevels = o.Text("log", "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(l => l.Split('=')[0], l => Enum.Parse<Microsoft.Extensions.Logging.LogLevel>(l.Split('=')[1]), StringComparer.Ordinal);
        await using var silo = await RateSilo.StartAsync(garnet.ConnectionString, redis, simulator.Clock, settings, logLevels);
        using var meter = new BudgetMeter();
        var readModel = new ShopReadModel(redis);
        var tiktokLead = settle + TimeSpan.FromSeconds(1);
        Console.WriteLine($"silo (in-process) up; budget {budgetApp}/s per app, {budgetShop}/s per shop, quota {budgetQuota:N0}/day; backfill {backfillDays} days");

        var shopIds = await simulator.ShopIdsAsync();
        var traffic = simulator.Traffic;
        var onboardStart = traffic.Elapsed;
        var onboarding = await Onboarding.RunAsync(silo.Grains, simulator.Http, shopIds, "rate-tenant", o.Int("tenants", 10), o.Int("parallel", 10), ct);
        Console.WriteLine($"onboarded {onboarding.Connected}/{shopsCount} in {onboarding.Elapsed.TotalSeconds:F1} s ({onboarding.Failed} failed{(onboarding.FirstError is { } e ? ": " + e : "")})");

        // Phase 1: warm-up, then measure while backfill work remains (until every shop's backfill is stored, the budget
        // refuses backfill because it is ahead of the day's pace, or the time cap).
        var warmupEnd = Whole(traffic.Elapsed + warmup);
        await Task.Delay(warmupEnd - traffic.Elapsed, ct);
        var probe = new WriteProbe();
        using var stopProbe = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var probing = probe.RunAsync(silo.Grains, shopIds, TimeSpan.FromSeconds(2), 4, stopProbe.Token);
        var before = meter.Snapshot();
        TimeSpan? paceAt = null, doneAt = null;
        var samples = new List<(TimeSpan At, int Pending)>();
        for (var tick = 1; traffic.Elapsed - warmupEnd < rateCap && doneAt is null; tick++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var pace = meter.Snapshot().GetValueOrDefault("refused/backfill/backfill_ahead_of_pace") - before.GetValueOrDefault("refused/backfill/backfill_ahead_of_pace");

            // The budget's backfill pace: at a fraction f of the quota day, backfill runs only while the day's use is
            // below f × quota × (1 − BackfillQuotaReserve); from there it waits (up to MaxPauseWait), then is refused.
            var now = await silo.Budget.GetUsageAsync();
            var dayFraction = 1 - ((now.DayEndsAt - now.AsOf) / TimeSpan.FromDays(1));
            paceAt ??= now.UsedToday >= dayFraction * budgetQuota * (1 - new RateBudgetOptions().BackfillQuotaReserve) ? traffic.Elapsed : null;
            if (tick % 5 != 0)
            {
                continue;
            }

            var lag = await LagSnapshot.ReadAsync(readModel, shopIds, simulator.Clock.Now + tiktokLead, (_, i) => i);
            samples.Add((traffic.Elapsed, lag.BackfillPending));
            if (o.Text("debug", "") == "true")
            {
                foreach (var id in shopIds.Take(3))
                {
                    var r = (await readModel.ReadAsync([id]))[0];
                    var orders = r.Domains.First(d => d.Domain == SyncDomain.Orders);
                    Console.WriteLine($"    {id}: planned {silo.Pacer.PlannedInterval(id)}, orders last {orders.LastSuccessAt:HH:mm:ss} next {orders.NextRunAt:HH:mm:ss} wm {orders.Watermark:HH:mm:ss} pages {orders.Pages} err {orders.LastError}");
                }
            }

            doneAt = lag.BackfillPending == 0 ? traffic.Elapsed : null;
            Console.WriteLine($"  t={traffic.Elapsed.TotalSeconds:F0}s sim {simulator.Clock.Now:HH:mm:ss}: backfill pending in {lag.BackfillPending} shops, orders interval p50 {Stats.Percentile(lag.OrdersInterval, 50) / 60:F1} min, " +
                              $"served {traffic.Total(Answer.Served):N0}, 429 {traffic.Total(Answer.RateLimited)}/{traffic.Total(Answer.QuotaExceeded)}, pace refusals {pace}");
        }

        await stopProbe.CancelAsync();
        await probing;
        var rateEnd = Whole(traffic.Elapsed);
        var firstEnd = new[] { paceAt, doneAt, warmupEnd + rateCap }.OfType<TimeSpan>().Min();
        var endReason = firstEnd == doneAt ? "every shop's backfill stored" : firstEnd == paceAt ? "the day's use reached the budget's backfill pace" : "time cap";
        var windowEnd = Whole(firstEnd);
        var window = windowEnd - warmupEnd;
        var after = meter.Snapshot();
        var rate = new RatePhase(
            onboarding, warmup, window, endReason,
            traffic.Count(Answer.Served, warmupEnd, windowEnd), traffic.Count(Answer.RateLimited, warmupEnd, windowEnd) + traffic.Count(Answer.QuotaExceeded, warmupEnd, windowEnd),
            traffic.Count(Answer.RateLimited, warmupEnd, rateEnd), traffic.Count(Answer.QuotaExceeded, warmupEnd, rateEnd),
            traffic.Count(Answer.RateLimited, onboardStart, warmupEnd), traffic.Count(Answer.QuotaExceeded, onboardStart, warmupEnd),
            Delta(before, after, "calls/backfill"), Delta(before, after, "calls/incremental") + Delta(before, after, "calls/webhook"),
            samples.FirstOrDefault().Pending, samples.LastOrDefault().Pending, (await simulator.QuotaAsync()).Used,
            traffic.Count(Answer.Served, windowEnd, rateEnd), rateEnd - windowEnd, probe.LatenciesMs, probe.Timeouts);

        // Phase 2: the clock steps on through midnight and the whole next simulated day.
        var midnight = new DateTimeOffset(simulator.Clock.Now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        while (simulator.Clock.Now + step < midnight)
        {
            await simulator.AdvanceAsync(step - dwell);
            await Task.Delay(dwell, ct);
        }

        await simulator.AdvanceAsync(TimeSpan.FromSeconds(Math.Ceiling((midnight - simulator.Clock.Now).TotalSeconds)));
        var dayStart = Whole(traffic.Elapsed);
        var pathsBefore = traffic.ByPath();
        var dayBefore = meter.Snapshot();
        var hourly = new HourlyCalls(pathsBefore, dayBefore);
        var dayEnd = midnight.AddHours(o.Double("day-hours", 24));
        var lagSamples = new List<LagSnapshot>();
        TimeSpan Allowed(SyncDomain domain, TimeSpan planned) => Max(planned, DefaultInterval(domain)) + settle + step + idle;
        var steps = 0;
        while (simulator.Clock.Now + step < dayEnd - TimeSpan.FromMinutes(1))
        {
            jumps.Add(traffic.Elapsed);
            await simulator.AdvanceAsync(step - dwell);
            await Task.Delay(dwell, ct);
            if (o.Text("debug", "") == "true" && steps < 8)
            {
                foreach (var id in shopIds.Take(3))
                {
                    var r = (await readModel.ReadAsync([id]))[0];
                    var orders = r.Domains.First(d => d.Domain == SyncDomain.Orders);
                    Console.WriteLine($"    sim {simulator.Clock.Now:HH:mm:ss} {id}: planned {silo.Pacer.PlannedInterval(id)}, orders last {orders.LastSuccessAt:HH:mm:ss} next {orders.NextRunAt:HH:mm:ss} wm {orders.Watermark:HH:mm:ss} pages {orders.Pages} err {orders.LastError}");
                }
            }

            if (++steps % 6 == 0)
            {
                var lag = await LagSnapshot.ReadAsync(readModel, shopIds, simulator.Clock.Now + tiktokLead, Allowed);
                lagSamples.Add(lag);
                if (steps % 12 == 0)
                {
                    hourly.Add(simulator.Clock.Now, traffic.ByPath(), meter.Snapshot(), lag);
                }

                var q = await simulator.QuotaAsync();
                Console.WriteLine($"  sim {simulator.Clock.Now:HH:mm}: quota used {q.Used:N0}/{q.DailyQuota:N0}, orders lag p50 {Stats.Percentile(lag.OrdersLag, 50) / 60:F0} min, " +
                                  $"interval p50 {Stats.Percentile(lag.OrdersInterval, 50) / 60:F0} min, backfill pending {lag.BackfillPending}, tracking waiting {lag.TrackingPending}, within {lag.AllWithinInterval}/{lag.Reported}, " +
                                  $"429 {traffic.Count(Answer.RateLimited, dayStart, traffic.Elapsed)}/{traffic.Count(Answer.QuotaExceeded, dayStart, traffic.Elapsed)}");
            }
        }

        var final = await LagSnapshot.ReadAsync(readModel, shopIds, simulator.Clock.Now + tiktokLead, Allowed);
        await LaggingShops.PrintAsync(readModel, shopIds, simulator.Clock.Now + tiktokLead, Allowed, silo.Pacer.PlannedInterval, o.Int("show-lagging", 30));
        var dayQuota = await simulator.QuotaAsync();
        var usage = await silo.Budget.GetUsageAsync();
        var dayAfter = meter.Snapshot();
        hourly.Add(simulator.Clock.Now, traffic.ByPath(), dayAfter, final);
        var dayStop = Whole(traffic.Elapsed);
        var paths = traffic.ByPath().Select(p => (Path: p.Key, Calls: p.Value - pathsBefore.GetValueOrDefault(p.Key))).Where(p => p.Calls > 0)
            .OrderByDescending(p => p.Calls).Select(p => $"{p.Path} {p.Calls:N0}").ToList();
        var realDay = dayStop - dayStart;
        var day = new DayPhase(
            steps, step, dwell, realDay, simulator.Clock.Now, dayQuota, usage.UsedToday, budgetQuota,
            traffic.Count(Answer.Served, dayStart, dayStop), traffic.Count(Answer.RateLimited, dayStart, dayStop),
            traffic.Count(Answer.QuotaExceeded, dayStart, dayStop),
            Delta(dayBefore, dayAfter, "calls/incremental"), Delta(dayBefore, dayAfter, "calls/backfill"), Delta(dayBefore, dayAfter, "calls/webhook"),
            Delta(dayBefore, dayAfter, "refused/incremental/daily_quota_used") + Delta(dayBefore, dayAfter, "refused/incremental/quota_exhausted"),
            Delta(dayBefore, dayAfter, "refused/incremental/contended") + Delta(dayBefore, dayAfter, "refused/backfill/contended"),
            lagSamples, final, string.Join(", ", paths), AfterJumps(traffic.LimitedAt, jumps, dayStart, dayStop));

        var setup = $"{shopsCount} shops (`ActivitySpread=Varied`, seed {o.Int("seed", 7)}), simulator limits {appQps}/s per app, {shopQps}/s per shop, " +
                    $"quota {quota:N0}/day; `RateBudget` {Num(budgetApp)}/s, {Num(budgetShop)}/s, {budgetQuota:N0}/day; backfill {backfillDays} days (products {productBackfillDays}); " +
                    $"`Sync:MaxIdleDelay` {idle.TotalSeconds:0.#} s; in-process silo (Redis storage and reminders on Garnet -m {garnet.Memory})";
        return Markdown(setup, rate, day, budgetApp, appQps) + Environment.NewLine + hourly.Markdown();
    }

    // 429s answered within half a second after the bench started a clock jump (the jump refills the budget's buckets in
    // simulated time; the simulator's buckets refill in real time).
    private static int AfterJumps(IReadOnlyList<TimeSpan> limited, IReadOnlyList<TimeSpan> jumps, TimeSpan from, TimeSpan to) =>
        limited.Count(t => t >= from && t < to && jumps.Any(j => t >= j && t - j < TimeSpan.FromSeconds(0.5)));

    // Whole seconds: the traffic is counted per second.
    private static TimeSpan Whole(TimeSpan t) => TimeSpan.FromSeconds(Math.Floor(t.TotalSeconds));

    private static TimeSpan DefaultInterval(SyncDomain domain) => new SyncOptions().IntervalOf(domain, null);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static long Delta(Dictionary<string, long> before, Dictionary<string, long> after, string key) =>
        after.GetValueOrDefault(key) - before.GetValueOrDefault(key);

    private static string Num(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Markdown(string setup, RatePhase r, DayPhase d, double budgetApp, int appQps)
    {
        var md = new StringBuilder();
        var perSecond = r.Served / r.Window.TotalSeconds;
        md.AppendLine(CultureInfo.InvariantCulture, $"Setup: {setup}.");
        md.AppendLine();
        md.AppendLine("| phase 1: onboarding and backfill (real speed) | value |");
        md.AppendLine("|---|---:|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| onboarding (auth code → tenant grain, {r.Onboarding.Tenants} tenants, {r.Onboarding.Parallel} at once) | {r.Onboarding.Connected:N0} shops in {r.Onboarding.Elapsed.TotalSeconds:F1} s ({r.Onboarding.ShopsPerSecond:F1}/s; p50 {Stats.Ms(Stats.Percentile(r.Onboarding.LatenciesMs, 50))}, p99 {Stats.Ms(Stats.Percentile(r.Onboarding.LatenciesMs, 99))}; {r.Onboarding.Failed} failed) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| 429 during onboarding + {r.Warmup.TotalSeconds:F0} s warm-up (36009002 / 45101004) | {r.WarmupRateLimited} / {r.WarmupQuota} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| measured window (warm-up end → {r.EndReason}) | {r.Window.TotalSeconds:F0} s |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| shops with backfill pending (first / last sample) | {r.PendingFirst} / {r.PendingLast} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| calls served in the window (budget grants: backfill / incremental + webhook) | {r.Served:N0} ({r.BackfillGrants:N0} / {r.OtherGrants:N0}) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **calls/s while backfill remains** | **{perSecond:F1}/s = {perSecond / budgetApp:P1} of the budget's {budgetApp:0.#}/s, {perSecond / appQps:P1} of the simulator's {appQps}/s** |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **429 after warm-up** (36009002 / 45101004), whole phase | **{r.RateLimited} / {r.Quota}** |");
        if (r.AfterWindow > TimeSpan.Zero)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| calls/s after the window, until the phase ended ({r.AfterWindow.TotalSeconds:F0} s) | {r.ServedAfterWindow / r.AfterWindow.TotalSeconds:F1}/s |");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"| simulator quota used on that (partial) day | {r.QuotaUsed:N0} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| non-interleaved call (`UpdateSettingsAsync`, 4 random shops every 2 s) while syncing: p50 / p99 / max; 30 s timeouts | {Stats.Ms(Stats.Percentile(r.ProbeMs, 50))} / {Stats.Ms(Stats.Percentile(r.ProbeMs, 99))} / {Stats.Ms(r.ProbeMs.DefaultIfEmpty().Max())}; {r.ProbeTimeouts} of {r.ProbeMs.Count + r.ProbeTimeouts} |");
        md.AppendLine();
        var allLag = d.Samples.Append(d.Final).ToList();
        var ordersLag = allLag.SelectMany(s => s.OrdersLag).ToList();
        var worstLag = allLag.SelectMany(s => s.WorstLag).ToList();
        var intervals = d.Final.OrdersInterval;
        md.AppendLine("| phase 2: one simulated day of incremental sync | value |");
        md.AppendLine("|---|---:|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| clock | 00:00 → {d.EndedAt:HH:mm} in {d.Steps} jumps of {d.Step.TotalMinutes:F0} min, {d.Dwell.TotalSeconds:0.#} s at real speed after each; {d.Real.TotalMinutes:F1} min real |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| calls served (budget grants: incremental / backfill / webhook) | {d.Served:N0} ({d.Incremental:N0} / {d.Backfill:N0} / {d.Webhook:N0}) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| calls by API path | {d.Paths} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **quota used at {d.EndedAt:HH:mm}: simulator / budget** | **{d.Quota.Used:N0} of {d.Quota.DailyQuota:N0} ({(double)d.Quota.Used / d.Quota.DailyQuota:P0}) / {d.BudgetUsed:N0} of {d.BudgetQuota:N0}; left {d.Quota.DailyQuota - d.Quota.Used:N0}; app paused: {(d.Quota.Paused ? "yes" : "no")}** |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **429 during the day** (36009002 / 45101004), of them within 0.5 s after a clock jump; incremental calls the budget refused for quota | **{d.RateLimited} / {d.QuotaExceeded}**, {d.LimitedAfterJumps} after a jump; {d.IncrementalRefused} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| effective orders polling interval at the day's end (planner; configured 2 min): p50 / p99 | {Stats.Percentile(intervals, 50) / 60:F0} min / {Stats.Percentile(intervals, 99) / 60:F0} min |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| orders lag over {allLag.Count} samples (every {d.Step.TotalMinutes * 6:F0} min + the end): p50 / p99 / max | {Stats.Percentile(ordersLag, 50) / 60:F0} / {Stats.Percentile(ordersLag, 99) / 60:F0} / {ordersLag.DefaultIfEmpty().Max() / 60:F0} min |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| worst windowed domain lag per shop: p50 / p99 / max | {Stats.Percentile(worstLag, 50) / 60:F0} / {Stats.Percentile(worstLag, 99) / 60:F0} / {worstLag.DefaultIfEmpty().Max() / 60:F0} min |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **shops whose every domain lags less than its interval (+ settle + one jump + idle delay), at the day's end** | **{d.Final.AllWithinInterval} of {d.Final.Reported}** (orders: {d.Final.OrdersWithinInterval}); over all samples {allLag.Sum(s => s.AllWithinInterval)} of {allLag.Sum(s => s.Reported)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| shops with backfill still pending / with a failing domain, at the day's end | {d.Final.BackfillPending} / {d.Final.WithErrors} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| tracking waiting at the day's end (orders, all shops) / sync calls refused as `Contended` during the day | {d.Final.TrackingPending:N0} / {d.Contended:N0} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| shop statuses at the day's end | {string.Join(", ", d.Final.Statuses.Select(s => $"{s.Key} {s.Value}"))} |");
        return md.ToString();
    }

    private sealed record RatePhase(
        OnboardingResult Onboarding, TimeSpan Warmup, TimeSpan Window, string EndReason, long Served, long WindowLimited,
        long RateLimited, long Quota, long WarmupRateLimited, long WarmupQuota, long BackfillGrants, long OtherGrants,
        int PendingFirst, int PendingLast, long QuotaUsed, long ServedAfterWindow, TimeSpan AfterWindow, IReadOnlyList<double> ProbeMs, int ProbeTimeouts);

    private sealed record DayPhase(
        int Steps, TimeSpan Step, TimeSpan Dwell, TimeSpan Real, DateTimeOffset EndedAt, SimulatorQuota Quota, long BudgetUsed, long BudgetQuota,
        long Served, long RateLimited, long QuotaExceeded, long Incremental, long Backfill, long Webhook, long IncrementalRefused, long Contended,
        IReadOnlyList<LagSnapshot> Samples, LagSnapshot Final, string Paths, int LimitedAfterJumps);
}
