using OpenClaw.Grains.Budget;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.Grains.Tests.Budget;

/// <summary>
/// A shop with thousands of queued calls must not starve another shop's few calls. The app allows 20/s; the busy shop
/// keeps 2,000 calls waiting on one silo; the quiet shop then makes 5 calls one after another, as a sync loop would.
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class RateBudgetFairnessTests
{
    private const int Queued = 2000;

    [Fact]
    public async Task Fairness_ThousandsOfBackfillCallsQueued_AnotherShopsIncrementalCallsGoFirst()
    {
        // Incremental calls may use the quarter of the app's bucket that backfill leaves: they need no refill at all, so
        // all five are granted with the budget's clock stopped (RunAsync fails when they are not). Stopping the clock
        // rather than bounding the simulated time they took: the clock advanced while Redis answered, and a loaded CI
        // machine once needed 180 simulated ms.
        var (_, busyGrantsMeanwhile) = await RunAsync(CallPriority.Backfill, CallPriority.Incremental, clockStopped: true);

        Assert.Equal(0, busyGrantsMeanwhile);
    }

    [Fact]
    public async Task Fairness_ThousandsOfCallsQueuedAtTheSamePriority_AnotherShopStillGetsAboutHalf()
    {
        var (quietElapsed, busyGrantsMeanwhile) = await RunAsync(CallPriority.Incremental, CallPriority.Incremental);

        // The shops take turns: the quiet shop gets every other token (5 calls, 5 busy calls, 10 tokens = 0.5 s at 20/s).
        // If every queued call competed on its own, the quiet shop would get about 1 token in 2,001.
        Assert.InRange(busyGrantsMeanwhile, 0, 10);
        Assert.InRange(quietElapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    private static async Task<(TimeSpan QuietElapsed, int BusyGrantsMeanwhile)> RunAsync(CallPriority busyPriority, CallPriority quietPriority, bool clockStopped = false)
    {
        await using var kit = await BudgetTestKit.StartAsync(BudgetTestKit.Midnight.AddHours(12));
        var budget = kit.Silo(0, o => { o.PerAppPerSecond = 20; o.PerShopPerSecond = 40; o.BurstSeconds = 1; });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var busyGranted = 0;
        var busy = Enumerable.Range(0, Queued).Select(async _ =>
        {
            await budget.AcquireAsync("busy-shop", busyPriority, stop.Token);
            Interlocked.Increment(ref busyGranted);
        }).ToArray();

        // Let the busy shop drain the app's bucket and run at the app's rate for a while.
        await kit.RunClockAsync(() => Volatile.Read(ref busyGranted) >= 40, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30));
        Assert.True(Volatile.Read(ref busyGranted) >= 40, "the busy shop never got going");

        var before = Volatile.Read(ref busyGranted);
        var quietDone = 0;
        var quiet = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await budget.AcquireAsync("quiet-shop", quietPriority, stop.Token);
                Interlocked.Increment(ref quietDone);
            }
        });
        await Task.Delay(50, TestContext.Current.CancellationToken);
        var elapsed = TimeSpan.Zero;
        if (clockStopped)
        {
            // Real time only (Redis round trips), generous for a loaded machine.
            await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref quietDone) == 5), TimeSpan.FromSeconds(10),
                () => $"{Volatile.Read(ref quietDone)} of 5 quiet calls granted with the budget's clock stopped");
        }
        else
        {
            elapsed = await kit.RunClockAsync(() => Volatile.Read(ref quietDone) == 5, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));
        }

        var meanwhile = Volatile.Read(ref busyGranted) - before;

        await stop.CancelAsync();
        await Task.WhenAll(busy.Append(quiet).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        Assert.Equal(5, quietDone);
        return (elapsed, meanwhile);
    }
}
