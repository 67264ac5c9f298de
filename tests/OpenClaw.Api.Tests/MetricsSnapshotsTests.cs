using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenClaw.Api.Metrics;
using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary>
/// Issue 15: the shared tenant-wide metrics results on a fake clock: one computation for concurrent readers,
/// stale-while-revalidate within the freshness bounds, invalidation after a write, failures not cached.
/// </summary>
public sealed class MetricsSnapshotsTests : IDisposable
{
    private static readonly MetricsCacheOptions Options = new() { FreshFor = TimeSpan.FromSeconds(15), MaxStale = TimeSpan.FromMinutes(2) };
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly MetricsSnapshots snapshots;
    private int computed;

    public MetricsSnapshotsTests() =>
        snapshots = new MetricsSnapshots(Microsoft.Extensions.Options.Options.Create(Options), time, NullLogger<MetricsSnapshots>.Instance);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_TwoConcurrentReaders_ComputeOnce_BothGetTheResult()
    {
        var release = new TaskCompletionSource();
        Func<Task<int>> compute = async () =>
        {
            Interlocked.Increment(ref computed);
            await release.Task;
            return 42;
        };

        var first = snapshots.GetAsync("t1", "overview", compute, Json, Ct);
        var second = snapshots.GetAsync("t1", "overview", compute, Json, Ct);
        release.SetResult();
        var results = await Task.WhenAll(first, second);

        Assert.All(results, r => Assert.Equal(42, r.Value));
        Assert.Same(results[0], results[1]);
        Assert.Equal(1, computed);
        Assert.Equal(time.GetUtcNow(), results[0].ComputedAt);
        Assert.Equal("{\"value\":42,\"computed_at\":\"2026-11-30T12:00:00+00:00\"}", System.Text.Encoding.UTF8.GetString(results[0].Body.Json));
    }

    [Fact]
    public async Task Get_PastFreshFor_ServesTheLastResultAtOnce_AndRefreshesOnceBehindIt()
    {
        var value = 1;
        Task<int> Compute()
        {
            Interlocked.Increment(ref computed);
            return Task.FromResult(Volatile.Read(ref value));
        }

        Assert.Equal(1, (await snapshots.GetAsync("t1", "q", Compute, Json, Ct)).Value);
        value = 2;
        time.Advance(TimeSpan.FromSeconds(14));
        Assert.Equal(1, (await snapshots.GetAsync("t1", "q", Compute, Json, Ct)).Value); // fresh: no computation
        Assert.Equal(1, computed);

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, (await snapshots.GetAsync("t1", "q", Compute, Json, Ct)).Value); // stale: served, refresh starts
        await Eventually.UntilAsync(async () => (await snapshots.GetAsync("t1", "q", Compute, Json, Ct)).Value == 2);
        Assert.Equal(2, computed);
    }

    [Fact]
    public async Task Get_PastMaxStale_WaitsForANewResult()
    {
        var value = 1;
        Task<int> Compute() => Task.FromResult(Volatile.Read(ref value));
        await snapshots.GetAsync("t1", "q", Compute, Json, Ct);
        value = 2;
        time.Advance(Options.MaxStale);

        var result = await snapshots.GetAsync("t1", "q", Compute, Json, Ct);

        Assert.Equal(2, result.Value);
        Assert.Equal(time.GetUtcNow(), result.ComputedAt);
    }

    [Fact]
    public async Task Invalidate_NextReaderOfThatTenantWaitsForANewResult_OtherTenantsKeepTheirs()
    {
        var value = 1;
        Task<int> Compute() => Task.FromResult(Volatile.Read(ref value));
        await snapshots.GetAsync("t1", "q", Compute, Json, Ct);
        await snapshots.GetAsync("t2", "q", Compute, Json, Ct);
        value = 2;

        snapshots.Invalidate("t1");

        Assert.Equal(2, (await snapshots.GetAsync("t1", "q", Compute, Json, Ct)).Value);
        Assert.Equal(1, (await snapshots.GetAsync("t2", "q", Compute, Json, Ct)).Value);
    }

    [Fact]
    public async Task Invalidate_WhileAComputationRuns_LaterReadersDoNotJoinIt()
    {
        var release = new TaskCompletionSource();
        var value = 1;
        var reads = 0;
        Func<Task<int>> compute = async () =>
        {
            var seen = Volatile.Read(ref value);
            Interlocked.Increment(ref reads); // counted once the data is read (Computations counts when one is started)
            await release.Task;
            return seen;
        };

        var before = snapshots.GetAsync("t1", "q", compute, Json, Ct);
        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref reads) == 1));
        Volatile.Write(ref value, 2);
        snapshots.Invalidate("t1");
        var after = snapshots.GetAsync("t1", "q", compute, Json, Ct);
        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref reads) == 2));
        Assert.Equal(2, snapshots.Computations);
        release.SetResult();

        Assert.Equal(1, (await before).Value);
        Assert.Equal(2, (await after).Value);
    }

    [Fact]
    public async Task Get_ComputationFails_EveryWaitingReaderSeesTheError_AndTheNextReaderComputesAgain()
    {
        var fail = true;
        Task<int> Compute() => Volatile.Read(ref fail) ? Task.FromException<int>(new TimeoutException("redis")) : Task.FromResult(7);

        await Assert.ThrowsAsync<TimeoutException>(() => snapshots.GetAsync("t1", "q", Compute, Json, Ct));
        fail = false;

        Assert.Equal(7, (await snapshots.GetAsync("t1", "q", Compute, Json, Ct)).Value);
    }

    /// <inheritdoc />
    public void Dispose() => snapshots.Dispose();

    private static byte[] Json(int value, DateTimeOffset computedAt) =>
        JsonSerializer.SerializeToUtf8Bytes(new { value, computed_at = computedAt });
}
