using Microsoft.Extensions.Logging;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Metrics.Storage;

namespace OpenClaw.Grains.Shops;

// Day buckets (docs/metrics.md): every upserted page's groups are recomputed; a change of the reporting zone rebuilds
// the shop's buckets across turns; the ledger is swept of entries beyond the retention. The logic is in Metrics/.
public sealed partial class ShopGrain
{
    private string? _metricsZone;
    private bool _metricsRebuilding;
    private long _sweepCursor;
    private DateTimeOffset _nextSweepAt;

    private TimeZoneInfo ReportingZone => TimeZoneInfo.TryFindSystemTimeZoneById(shop.State.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    // Called after every upsert, even when it changed nothing: a crash between upsert and apply heals on the re-fetch.
    private Task ApplyMetricsAsync(IReadOnlyCollection<EntityVersion> versions)
    {
        var touched = TouchedGroups.Of(versions);
        if (touched.IsEmpty)
        {
            return Task.CompletedTask;
        }

        _metricRates.Invalidate();
        return services.Metrics.ApplyAsync(ShopId, ReportingZone, touched, time.GetUtcNow());
    }

    // One bounded step a turn: note or rebuild the zone, else sweep the ledger now and then. Never fails the turn.
    private async Task MaintainMetricsAsync()
    {
        try
        {
            var now = time.GetUtcNow();
            if (!string.Equals(_metricsZone, shop.State.TimeZone, StringComparison.Ordinal))
            {
                _metricRates.Invalidate(); // a new zone moves every day boundary (and starts a rebuild)
                _metricsRebuilding = await services.Metrics.EnsureZoneAsync(ShopId, shop.State.TimeZone, now);
                _metricsZone = shop.State.TimeZone;
            }

            if (_metricsRebuilding)
            {
                _metricRates.Invalidate();
                _metricsRebuilding = await services.Metrics.RebuildStepAsync(ShopId, ReportingZone, now);
            }
            else if (services.RealTime.GetUtcNow() >= _nextSweepAt)
            {
                _metricRates.Invalidate();
                (_sweepCursor, _) = await services.Metrics.SweepStepAsync(ShopId, ReportingZone, now, _sweepCursor);
                if (_sweepCursor == 0)
                {
                    _nextSweepAt = services.RealTime.GetUtcNow() + services.Metrics.SweepInterval;
                }
            }
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            _metricsZone = null; // look again next turn
            LogMetricsFailed(ex, ShopId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shop {ShopId}: metrics upkeep failed; retried next turn")]
    private partial void LogMetricsFailed(Exception ex, string shopId);
}
