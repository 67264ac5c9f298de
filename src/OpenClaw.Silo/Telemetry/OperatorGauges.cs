using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenClaw.Grains.Alerts;
using OpenClaw.Grains.Alerts.Index;
using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Shops;
using OpenClaw.ServiceDefaults.Redis;
using Orleans.Runtime;
using StackExchange.Redis;

namespace OpenClaw.Silo.Telemetry;

/// <summary>
/// The business gauges an operator reads next to the runtime's (the Aspire dashboard's Metrics tab, or any OTLP
/// backend): shops by status, their sync lag, firing alerts by severity. Cluster-wide values from the read models
/// (every tenant's shop index, shop summaries and alert index), refreshed every
/// <see cref="OperatorGaugesOptions.OperatorGaugesInterval"/> (<c>Telemetry:OperatorGaugesInterval</c>, 30 s by
/// default). Only the oldest active silo of the cluster (Orleans membership) reports the values; every other silo
/// reports the same series with 0, so a backend that adds instances together — the Aspire dashboard does for a
/// resource's replicas — shows each shop once, the max across instances is right too, and every instance has the same
/// series (the Aspire dashboard's table view failed on a series only one replica had). When that silo leaves, the next
/// oldest takes over at its first refresh after membership marks the leaver dead (at once for a graceful stop). Tags
/// are enums only: no tenant, shop id or name. Quota use is <c>openclaw.budget.quota.used</c> (RateBudgetMetrics).
/// </summary>
internal sealed partial class OperatorGauges : BackgroundService
{
    /// <summary>The meter (covered by ServiceDefaults' <c>OpenClaw.*</c>).</summary>
    public const string MeterName = "OpenClaw.Operations";

    private readonly IConnectionMultiplexer redis;
    private readonly ShopReadModel summaries;
    private readonly TenantAlertIndex alerts;
    private readonly ILogger<OperatorGauges> logger;
    private readonly IClusterMembershipService membership;
    private readonly ILocalSiloDetails localSilo;
    private readonly TimeSpan interval;
    private volatile Snapshot current = Snapshot.Empty;

    /// <summary>
    /// Creates the gauges on a meter of <paramref name="meters"/> (one per silo host); they report no series until the
    /// first refresh, one interval after the silo starts.
    /// </summary>
    public OperatorGauges(IServiceProvider services, IMeterFactory meters, IOptions<OperatorGaugesOptions> options, ILogger<OperatorGauges> logger)
    {
        interval = options.Value.OperatorGaugesInterval;
        redis = services.GetRequiredKeyedService<IConnectionMultiplexer>(RedisExtensions.ConnectionName);
        summaries = services.GetRequiredService<ShopReadModel>();
        alerts = services.GetRequiredService<TenantAlertIndex>();
        membership = services.GetRequiredService<IClusterMembershipService>();
        localSilo = services.GetRequiredService<ILocalSiloDetails>();
        this.logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("openclaw.shops", () => current.ShopsByStatus.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("status", kv.Key))),
            "{shop}", "Connected shops by status (active, paused, needs_reauthorization, disconnected, …)");
        meter.CreateObservableGauge("openclaw.shops.sync_lag.max", () => current.MaxLagSeconds, "s", "The largest sync lag (watermark age) over the active shops' windowed domains");
        meter.CreateObservableGauge("openclaw.shops.lagging", () => current.Lagging, "{shop}", "Active shops whose sync lag exceeds 30 minutes (the default sync_lag_seconds rule)");
        meter.CreateObservableGauge("openclaw.alerts.firing", () => current.FiringBySeverity.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("severity", kv.Key))),
            "{alert}", "Firing alerts by severity");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first read waits one interval: a silo just started may not yet see the older silos as active in its
        // membership snapshot and would report the same shops as they do (seen once as a doubled count at start-up).
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var read = await ReadAsync().ConfigureAwait(false);
                current = IsOldestActiveSilo() ? read : read.Zeroed();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store is unavailable (or a summary unreadable): keep the last numbers and try again next tick; a
                // gauge must never stop the silo (an exception leaving a BackgroundService stops the host).
                LogNotRefreshed(logger, ex);
            }
        }
    }

    // The reporter: the active silo with the earliest generation (start time), so a silo joining does not take over.
    private bool IsOldestActiveSilo() => membership.CurrentSnapshot.Members.Values
        .Where(m => m.Status == SiloStatus.Active)
        .OrderBy(m => m.SiloAddress.Generation).ThenBy(m => m.SiloAddress.ToParsableString(), StringComparer.Ordinal)
        .FirstOrDefault()?.SiloAddress.Equals(localSilo.SiloAddress) == true;

    private async Task<Snapshot> ReadAsync()
    {
        var tenants = new List<string>();
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: TenantIndex.Key("*"), pageSize: 500).ConfigureAwait(false))
            {
                var text = key.ToString();
                tenants.Add(text["oc:{t:".Length..text.IndexOf("}:", StringComparison.Ordinal)]);
            }
        }

        var byStatus = new Dictionary<string, long>(StringComparer.Ordinal);
        var firing = new Dictionary<string, long>(StringComparer.Ordinal);
        double maxLag = 0;
        long lagging = 0;
        var index = new TenantIndex(redis);
        foreach (var tenant in tenants.Distinct(StringComparer.Ordinal))
        {
            foreach (var report in await summaries.ReadAsync(await index.ReadAsync(tenant).ConfigureAwait(false)).ConfigureAwait(false))
            {
                var status = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(report.Shop.Status.ToString());
                byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
                if (report.Shop.Status == ShopStatus.Active)
                {
                    var lag = report.Domains.Where(d => d.BackfillFrom is not null).Max(d => d.LagSeconds) ?? 0;
                    maxLag = Math.Max(maxLag, lag);
                    lagging += lag > LaggingAfter.TotalSeconds ? 1 : 0;
                }
            }

            foreach (var alert in (await alerts.ReadAllAsync(tenant).ConfigureAwait(false)).Where(a => a.Status == AlertStatus.Firing))
            {
                var severity = alert.Severity.ToString().ToLowerInvariant();
                firing[severity] = firing.GetValueOrDefault(severity) + 1;
            }
        }

        return new Snapshot(byStatus, maxLag, lagging, firing);
    }

    private static readonly TimeSpan LaggingAfter = TimeSpan.FromMinutes(30);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Operator gauges not refreshed")]
    private static partial void LogNotRefreshed(ILogger logger, Exception exception);

    private sealed record Snapshot(IReadOnlyDictionary<string, long> ShopsByStatus, double MaxLagSeconds, long Lagging, IReadOnlyDictionary<string, long> FiringBySeverity)
    {
        public static readonly Snapshot Empty = new(new Dictionary<string, long>(), 0, 0, new Dictionary<string, long>());

        // The same series with every value 0: what a silo that is not the reporter publishes.
        public Snapshot Zeroed() => new(ShopsByStatus.ToDictionary(kv => kv.Key, _ => 0L), 0, 0, FiringBySeverity.ToDictionary(kv => kv.Key, _ => 0L));
    }
}
