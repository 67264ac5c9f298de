using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.Grains.Tests.Budget;

[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class RateBudgetRateTests
{
    [Fact]
    public async Task AppBucket_ConcurrentCallsFromTwoSilos_GrantExactlyTheBurstAboveTheReserve()
    {
        await using var kit = await BudgetTestKit.StartAsync();
        // 10/s, 1 s bucket: webhook calls leave 10 % (1 token), so 9 of the 10 tokens can be taken at one instant.
        var silos = new[] { kit.Silo(0, App10PerSecond), kit.Silo(1, App10PerSecond) };

        var decisions = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => silos[i % 2].TryAcquireAsync("shop-" + i, CallPriority.Webhook)));

        Assert.Equal(9, decisions.Count(d => d.Granted));
        Assert.All(decisions.Where(d => !d.Granted), d => Assert.True(d.Wait > TimeSpan.Zero));
    }

    [Fact]
    public async Task AppBucket_TwoSilosCallingForFiveSeconds_StayWithinTheAppRate()
    {
        await using var kit = await BudgetTestKit.StartAsync();
        const double Rate = 20;
        var silos = new[] { kit.Silo(0, o => { o.PerAppPerSecond = Rate; o.BurstSeconds = 1; }), kit.Silo(1, o => { o.PerAppPerSecond = Rate; o.BurstSeconds = 1; }) };
        var granted = new int[2];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var callers = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await silos[i % 2].AcquireAsync("shop-" + i, CallPriority.Incremental, stop.Token);
                Interlocked.Increment(ref granted[i % 2]);
            }
        })).ToArray();

        var elapsed = await kit.RunClockAsync(() => false, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(5));
        var total = Volatile.Read(ref granted[0]) + Volatile.Read(ref granted[1]);
        await stop.CancelAsync();
        await Task.WhenAll(callers.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        // Bucket of 20 less the incremental reserve (25 %) at the start, then 20/s: at most 15 + 100.
        var ceiling = (Rate * 0.75) + (Rate * elapsed.TotalSeconds);
        Assert.InRange(total, 0.7 * Rate * elapsed.TotalSeconds, ceiling);
        Assert.True(granted[0] > 0 && granted[1] > 0, $"both silos share the app's rate: {granted[0]} / {granted[1]}");
    }

    [Fact]
    public async Task ShopBucket_OneShopAtItsLimit_OtherShopsStillGranted()
    {
        await using var kit = await BudgetTestKit.StartAsync();
        // 5/s per shop, 1 s bucket; webhook leaves 0.5 token: 4 grants at once, then 100 ms until 1.5 tokens.
        var silo0 = kit.Silo(0, o => { o.PerShopPerSecond = 5; o.BurstSeconds = 1; });
        var silo1 = kit.Silo(1, o => { o.PerShopPerSecond = 5; o.BurstSeconds = 1; });

        var first = await BudgetTestKit.GrantsUntilRefusedAsync(silo0, "shop-a", CallPriority.Webhook);
        var refused = await silo1.TryAcquireAsync("shop-a", CallPriority.Webhook);
        var otherShop = await BudgetTestKit.GrantsUntilRefusedAsync(silo1, "shop-b", CallPriority.Webhook);
        kit.Clock.Advance(TimeSpan.FromMilliseconds(100));
        var afterRefill = await BudgetTestKit.GrantsUntilRefusedAsync(silo1, "shop-a", CallPriority.Webhook);

        Assert.Equal(4, first);
        Assert.False(refused.Granted);
        Assert.Equal(TimeSpan.FromMilliseconds(100), refused.Wait);
        Assert.Equal(4, otherShop);
        Assert.Equal(1, afterRefill);
    }

    [Fact]
    public async Task ShopBucket_LowerPriorities_LeaveAReserveOfEachSecondToHigherOnes()
    {
        // At noon: backfill's daily pace allows plenty (at midnight it allows nothing yet).
        await using var kit = await BudgetTestKit.StartAsync(BudgetTestKit.Midnight.AddHours(12));
        // Bucket of 10: backfill needs 1 + 5 tokens, incremental 1 + 2.5, webhook 1 + 1, token refresh is not limited.
        var budget = kit.Silo(0, o => { o.PerShopPerSecond = 10; o.BurstSeconds = 1; });

        var backfill = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.Backfill);
        var incremental = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.Incremental);
        var webhook = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.Webhook);
        var refresh = await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.TokenRefresh, max: 3);

        Assert.Equal([5, 2, 2, 3], [backfill, incremental, webhook, refresh]);
    }

    [Fact]
    public async Task AcquireAsync_WhenTokensRunOut_WaitsForTheRefillAndReportsTheWait()
    {
        await using var kit = await BudgetTestKit.StartAsync();
        var budget = kit.Silo(0, o => { o.PerShopPerSecond = 10; o.BurstSeconds = 1; });
        await BudgetTestKit.GrantsUntilRefusedAsync(budget, "shop", CallPriority.Webhook);

        var acquire = budget.AcquireAsync("shop", CallPriority.Webhook, TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(100, TestContext.Current.CancellationToken);
        kit.Clock.Advance(TimeSpan.FromMilliseconds(99));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        var completedBeforeRefill = acquire.IsCompleted;
        kit.Clock.Advance(TimeSpan.FromMilliseconds(1));

        // One token per 100 ms: granted exactly when the bucket holds the webhook's 1 + 1 tokens again.
        Assert.False(completedBeforeRefill);
        Assert.Equal(TimeSpan.FromMilliseconds(100), await acquire);
    }

    private static void App10PerSecond(OpenClaw.Grains.Budget.RateBudgetOptions o)
    {
        o.PerAppPerSecond = 10;
        o.BurstSeconds = 1;
    }
}
