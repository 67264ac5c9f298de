using OpenClaw.Grains.Metrics.Storage;
using StackExchange.Redis;

namespace OpenClaw.Bench.Api;

/// <summary>
/// Stands in for shops that keep syncing while the overview is read: replaces the bucket version of
/// <c>perSecond</c> shops a second, round-robin (what a <see cref="MetricBook"/> write does to the metadata), so every
/// refresh of a shared overview has to read those shops' buckets again. The buckets themselves are left as seeded:
/// the cost measured is the API's re-read, not the silo's write.
/// </summary>
internal sealed class BucketChurn : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    private BucketChurn(IConnectionMultiplexer redis, IReadOnlyList<string> shopIds, double perSecond)
    {
        loop = Task.Run(async () =>
        {
            var db = redis.GetDatabase();
            var next = 0;
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            var owed = 0.0;
            while (await tick.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                for (owed += perSecond / 10; owed >= 1; owed--)
                {
                    _ = db.HashSetAsync(MetricKeys.Meta(shopIds[next++ % shopIds.Count]), MetricKeys.VersionField, MetricKeys.NewVersion(), flags: CommandFlags.FireAndForget);
                }
            }
        });
    }

    /// <summary>Starts the churn (nothing happens when <paramref name="perSecond"/> is 0).</summary>
    public static BucketChurn Start(IConnectionMultiplexer redis, IReadOnlyList<string> shopIds, double perSecond) =>
        new(redis, shopIds, Math.Max(0, perSecond));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }
}
