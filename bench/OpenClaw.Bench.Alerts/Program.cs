using System.Globalization;
using OpenClaw.Bench.Alerts;
using OpenClaw.Bench.Cluster;
using OpenClaw.Bench.Sync;
using OpenClaw.Grains.Alerts;
using OpenClaw.Grains.Notifications;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Tenants;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Simulator;

// Alert latency (docs/benchmarks.md "Alert latency"): webhook received by the API → the chat receiver has the message.
// Usage: dotnet run -c Release --project bench/OpenClaw.Bench.Alerts -- [--events 200] [--shops 10] [--group-wait 0] [--pace-ms 100]
//        [--receiver-down-seconds 600] (the receiver down while the events are fired; then: every one delivered once?)
//        [--load-shops 1000 --warmup 150] (that many more shops syncing on the same parts while the events are fired)
//        [--silo-env NAME=value[,NAME=value]] (with load: more environment for the silo process, e.g. a runtime knob)
var options = BenchArguments.Parse(args);
Console.WriteLine($"machine: {Machine.Describe()}");
Console.WriteLine($"events {options.Events}, shops {options.Shops}, instant-event route group wait {options.GroupWait.TotalSeconds} s, load shops {options.LoadShops:N0}");

var redis = await SharedRedis.GetAsync();
await using var apps = new LoopbackApps();
var serviceId = "bench-alerts-" + Guid.NewGuid().ToString("N")[..8];
var apiUrl = $"http://127.0.0.1:{FreePort.Next()}";
var simulatorUrl = $"http://127.0.0.1:{FreePort.Next()}";
var relay = new WebhookClock(apiUrl);
await apps.StartAsync(relay.Build());
var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
var details = new DetailFetchClock();
var simulatorApp = SimulatorApp.Create(
[
    "--urls", simulatorUrl, "--Logging:LogLevel:Default=Warning", "--Simulator:Seed=1111", $"--Simulator:ShopCount={options.Shops + options.LoadShops}",
    "--Simulator:HistoryDays=2", "--Simulator:ProductsPerShop=" + (options.Events / options.Shops + 10).ToString(CultureInfo.InvariantCulture),
    "--Simulator:ClockStart=" + start.ToString("O", CultureInfo.InvariantCulture), $"--Simulator:WebhookUrl={relay.Url}",
    // Without load: a quiet day (5 orders per shop). With load: the scale bench's realistic spread of busy and quiet shops.
    .. options.LoadShops > 0 ? ["--Simulator:ActivitySpread=Varied", "--Simulator:CachedShopDays=16384"] : new[] { "--Simulator:OrdersPerShopPerDay=5" },
]);
details.Attach(simulatorApp);
await apps.StartAsync(simulatorApp);

// With load, as the scale bench: no order or product history (the steady state, not onboarding's backfill; 10,000 shops
// backfilling their products took ~540 calls a second through the whole run), the budget above the shops' need, and the
// silo in its own process. The incident shops alone get their history below.
string[] load = options.LoadShops > 0 ? ["--Sync:InitialBackfill=00:00:00", "--Sync:ProductBackfill=00:00:00", "--RateBudget:PerAppPerSecond=1000"] : [];
string[] notifications = ["--Notifications:AllowPrivateTargets=true", $"--Notifications:KeyPrefix={serviceId}:"];
await using var stack = await AlertStack.StartAsync(apps, siloProcess: options.LoadShops > 0, redis.ConnectionString, serviceId, simulatorUrl, apiUrl,
    [.. notifications, .. load], notifications, options.SiloEnvironment);

using var simulator = new HttpClient { BaseAddress = new Uri(simulatorUrl), Timeout = TimeSpan.FromSeconds(60) };
var grains = stack.Grains;
var tenantId = "bench-alerts";
var allShops = await SimulatorAdmin.ShopIdsAsync(simulator);
var shopIds = allShops.Take(options.Shops).ToList();
foreach (var shopId in shopIds)
{
    await grains.GetGrain<ITenantGrain>(tenantId).ConnectWithAuthCodeAsync(await SimulatorAdmin.AuthCodeAsync(simulator, shopId));
    if (options.LoadShops > 0)
    {
        // The silo backfills no history under load; these shops' products must be stored all the same (below).
        await grains.GetGrain<IShopGrain>(shopId).StartBackfillAsync(start.AddDays(-90)); // the catalogue starts 60 days before the history
    }
}

// Products must be stored before an incident is news ("newly frozen" compares with the stored version).
var sw = System.Diagnostics.Stopwatch.StartNew();
while (!(await Task.WhenAll(shopIds.Select(id => grains.GetGrain<IShopGrain>(id).GetSyncReportAsync())))
    .All(r => r.Domains.Any(d => d.Domain == SyncDomain.Products && d.BackfillComplete)))
{
    if (sw.Elapsed > TimeSpan.FromMinutes(10))
    {
        throw new TimeoutException("the shops' product backfill did not finish within 10 minutes");
    }

    await Task.Delay(500);
}

Console.WriteLine($"{shopIds.Count} shops connected and their products backfilled in {sw.Elapsed.TotalSeconds:F0} s");
await stack.Channels.SaveAsync(new NotificationChannel(tenantId, "hook", NotificationChannelKind.Webhook,
    "ops", NotificationLanguage.English, "UTC", new Uri(simulatorUrl + "/_sim/chat/webhook/receive"), "openclaw-chat-secret"));
await grains.GetGrain<ITenantAlertsGrain>(tenantId).PutRoutingAsync(new AlertRoutingConfig(
[
    // Instant events: one group per event (shop + subject), sent after the route's group wait.
    new AlertRoute([new(AlertLabels.Event, MatchOperator.Regex, ".+")], ["hook"],
        GroupBy: [AlertLabels.Tenant, AlertLabels.Rule, AlertLabels.Shop, AlertLabels.Subject], GroupWait: options.GroupWait),
    new AlertRoute([], ["hook"]),
], [], AlertRoutingDefaults.InhibitRules));
using (await simulator.DeleteAsync("/_sim/chat/webhook/messages"))
{
}

// The scale load beside the incidents: more shops onboarded through the auth-code exchange over 10 tenants of their
// own, then syncing at their default intervals and sending the simulator's order webhooks through the same API inbox.
if (options.LoadShops > 0)
{
    // As the scale bench: about 100 shops per tenant, up to 32 tenants onboarding at once.
    var tenants = Math.Max(10, options.LoadShops / 100);
    var onboarded = await Onboarding.RunAsync(grains, simulator, [.. allShops.Skip(options.Shops)], "bench-load", tenants, parallel: Math.Min(32, tenants), CancellationToken.None);
    Console.WriteLine($"load: {onboarded.Connected:N0} of {onboarded.Shops:N0} shops connected in {onboarded.Elapsed.TotalSeconds:F0} s ({onboarded.Failed} failed{(onboarded.FirstError is { } e ? ": " + e : "")}); "
        + $"syncing {options.Warmup.TotalSeconds:F0} s before the first event");
    var relayedBefore = relay.Relayed;
    var siloCpuBefore = ProcessStats.CpuTime(stack.SiloProcessIds);
    await Task.Delay(options.Warmup);
    Console.WriteLine($"warm-up: {(relay.Relayed - relayedBefore) / options.Warmup.TotalSeconds:F1} webhooks/s relayed, "
        + $"silo process CPU {(ProcessStats.CpuTime(stack.SiloProcessIds) - siloCpuBefore) / options.Warmup:P0} of one core, "
        + $"webhook inbox {await stack.InboxDepthAsync()} events waiting or being handed off");
}

if (options.ReceiverDown > TimeSpan.Zero)
{
    await ReceiverOutage.RunAsync(simulator, shopIds, options);
    return;
}

var siloPids = stack.SiloProcessIds;
var siloCpu = ProcessStats.CpuTime(siloPids);
var relayed = relay.Relayed;
var window = System.Diagnostics.Stopwatch.StartNew();
var fired = await Incidents.FireAsync(simulator, shopIds, options.Events, options.Pace);
Console.WriteLine($"while the events were fired ({window.Elapsed.TotalSeconds:F0} s): {(relay.Relayed - relayed) / window.Elapsed.TotalSeconds:F1} webhooks/s of every type relayed to the API"
    + (siloPids.Count > 0 ? $", silo process CPU {(ProcessStats.CpuTime(siloPids) - siloCpu) / window.Elapsed:P0} of one core" : "")
    + $", webhook inbox {await stack.InboxDepthAsync()} events waiting or being handed off");

var latencies = await Incidents.CollectAsync(simulator, relay, details, fired, TimeSpan.FromMinutes(3) + options.GroupWait);
Incidents.Report(options, fired.Count, latencies);
