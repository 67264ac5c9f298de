using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenClaw.Api;
using OpenClaw.Bench.Alerts;
using OpenClaw.Bench.Cluster;
using OpenClaw.Bench.Sync;
using OpenClaw.Grains.Alerts;
using OpenClaw.Grains.Notifications;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Tenants;
using OpenClaw.Silo.Extensions;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Simulator;

// Alert latency (docs/benchmarks.md "Alert latency"): webhook received by the API → the chat receiver has the message.
// Usage: dotnet run -c Release --project bench/OpenClaw.Bench.Alerts -- [--events 200] [--shops 10] [--group-wait 0] [--pace-ms 100]
//        [--receiver-down-seconds 600] (the receiver down while the events are fired; then: every one delivered once?)
//        [--load-shops 1000 --warmup 150] (that many more shops syncing on the same parts while the events are fired)
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
await apps.StartAsync(SimulatorApp.Create(
[
    "--urls", simulatorUrl, "--Logging:LogLevel:Default=Warning", "--Simulator:Seed=1111", $"--Simulator:ShopCount={options.Shops + options.LoadShops}",
    "--Simulator:HistoryDays=2", "--Simulator:ProductsPerShop=" + (options.Events / options.Shops + 10).ToString(CultureInfo.InvariantCulture),
    "--Simulator:ClockStart=" + start.ToString("O", CultureInfo.InvariantCulture), $"--Simulator:WebhookUrl={relay.Url}",
    // Without load: a quiet day (5 orders per shop). With load: the scale bench's realistic spread of busy and quiet shops.
    .. options.LoadShops > 0 ? ["--Simulator:ActivitySpread=Varied"] : new[] { "--Simulator:OrdersPerShopPerDay=5" },
]));

string[] shared =
[
    .. LoopbackClusterArguments.Shared(redis.ConnectionString, "bench-alerts", serviceId, simulatorUrl),
    "--Notifications:AllowPrivateTargets=true", $"--Notifications:KeyPrefix={serviceId}:",
];
// With load, as the scale bench: no order history (the steady state, not onboarding's backfill) and the budget above the shops' need.
string[] load = options.LoadShops > 0 ? ["--Sync:InitialBackfill=00:00:00", "--RateBudget:PerAppPerSecond=1000"] : [];
var siloBuilder = WebApplication.CreateBuilder([.. shared, .. LoopbackClusterArguments.Silo(serviceId), .. load]);
siloBuilder.AddServiceDefaults();
siloBuilder.AddSilo();
var silo = siloBuilder.Build();
silo.MapDefaultEndpoints();
await apps.StartAsync(silo);
await apps.StartAsync(ApiApp.Create([.. shared, "--urls", apiUrl, "--Api:BootstrapAdminKey=bench-bootstrap-admin-key-0123456789abcdef"]));

using var simulator = new HttpClient { BaseAddress = new Uri(simulatorUrl), Timeout = TimeSpan.FromSeconds(60) };
var grains = silo.Services.GetRequiredService<IGrainFactory>();
var tenantId = "bench-alerts";
var allShops = await SimulatorAdmin.ShopIdsAsync(simulator);
var shopIds = allShops.Take(options.Shops).ToList();
foreach (var shopId in shopIds)
{
    await grains.GetGrain<ITenantGrain>(tenantId).ConnectWithAuthCodeAsync(await SimulatorAdmin.AuthCodeAsync(simulator, shopId));
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
await silo.Services.GetRequiredService<INotificationChannelStore>().SaveAsync(new NotificationChannel(tenantId, "hook", NotificationChannelKind.Webhook,
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
    var onboarded = await Onboarding.RunAsync(grains, simulator, [.. allShops.Skip(options.Shops)], "bench-load", tenants: 10, parallel: 10, CancellationToken.None);
    Console.WriteLine($"load: {onboarded.Connected:N0} of {onboarded.Shops:N0} shops connected in {onboarded.Elapsed.TotalSeconds:F0} s ({onboarded.Failed} failed{(onboarded.FirstError is { } e ? ": " + e : "")}); "
        + $"syncing {options.Warmup.TotalSeconds:F0} s before the first event");
    await Task.Delay(options.Warmup);
}

if (options.ReceiverDown > TimeSpan.Zero)
{
    await ReceiverOutage.RunAsync(simulator, shopIds, options);
    return;
}

var fired = await Incidents.FireAsync(simulator, shopIds, options.Events, options.Pace);
var latencies = await Incidents.CollectAsync(simulator, relay, fired, TimeSpan.FromMinutes(3) + options.GroupWait);
Incidents.Report(options, fired.Count, latencies);
