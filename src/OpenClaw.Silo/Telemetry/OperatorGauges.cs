using System.Diagnostics.Metrics;
using OpenClaw.Grains.Alerts;
using OpenClaw.Grains.Alerts.Index;
using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Shops;
using OpenClaw.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace OpenClaw.Silo.Telemetry;

/// <summary>
/// The business gauges an operator reads next to the runtime's (the Aspire dashboard's Metrics tab, or any OTLP
/// backend): shops by status, their sync lag, firing alerts by severity. Cluster-wide values from the read models
/// (every tenant's shop index, shop summaries and alert index), refreshed every <see cref="Interval"/>; every silo
/// reports the same numbers, so a backend takes the max across instances, never the sum. Tags are enums only: no
/// tenant, shop id or name. Quota use is <c>openclaw.budget.quota.used</c> (RateBudgetMetrics).
/// </summary>
internal sealed partial class OperatorGauges : BackgroundService
{
    /// <summary>The meter (covered by ServiceDefaults' <c>OpenClaw.*</c>).</summary>
    public const string MeterName = "OpenClaw.Operations";

    /// <summary>How often the gauges are recomputed.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly IConnectionMultiplexer redis;
    private readonly ShopReadModel summaries;
    private readonly TenantAlertIndex alerts;
    private readonly ILogger<OperatorGauges> logger;
    private volatile Snapshot current = Snapshot.Empty;

    public OperatorGauges(IServiceProvider services, IMeterFactory meters, ILogger<OperatorGauges> logger)
    {
        redis = services.GetRequiredKeyedService<IConnectionMultiplexer>(RedisExtensions.ConnectionName);
        summaries = services.GetRequiredService<ShopReadModel>();
        alerts = services.GetRequiredService<TenantAlertIndex>();
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
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                current = await ReadAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store is unavailable (or a summary unreadable): keep the last numbers and try again next tick; a
                // gauge must never stop the silo (an exception leaving a BackgroundService stops the host).
                LogNotRefreshed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

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
    }
}
