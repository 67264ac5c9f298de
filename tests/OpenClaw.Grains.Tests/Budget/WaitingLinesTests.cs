using OpenClaw.Grains.Budget;

namespace OpenClaw.Grains.Tests.Budget;

/// <summary>
/// The rate budget's lines: a priority's line lets several callers ask Redis at once (one at a time capped a loaded silo
/// at one grant per round trip, docs/benchmarks.md), still in arrival order; a shop's line stays one at a time.
/// </summary>
public sealed class WaitingLinesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task WideLine_AdmitsUpToItsWidth_ThenServesTheRestInArrivalOrder()
    {
        var lines = new WaitingLines<string>(width: 3);
        var ct = TestContext.Current.CancellationToken;
        var held = Enumerable.Range(0, 3).Select(_ => lines.EnterAsync("incremental", ct).AsTask()).ToList();
        Assert.All(held, h => Assert.True(h.IsCompletedSuccessfully, "a caller within the width waits"));

        var fourth = lines.EnterAsync("incremental", ct).AsTask();
        var fifth = lines.EnterAsync("incremental", ct).AsTask();
        var otherKey = lines.EnterAsync("backfill", ct).AsTask();
        Assert.True(otherKey.IsCompletedSuccessfully, "another key's line is separate");
        Assert.False(fourth.IsCompleted);
        Assert.Equal(5, lines.UsersOf("incremental"));

        (await held[1]).Dispose();
        using (await fourth.WaitAsync(Patience, ct))
        {
            Assert.False(fifth.IsCompleted, "the fifth caller went before its turn");
        }

        using (await fifth.WaitAsync(Patience, ct))
        {
            (await held[0]).Dispose();
            (await held[2]).Dispose();
            (await otherKey).Dispose();
        }

        Assert.Equal(0, lines.Count); // nothing left behind once every caller left
    }

    [Fact]
    public async Task DefaultLine_OneHolderAtATime_ACancelledWaiterLeavesNoTrace()
    {
        var lines = new WaitingLines<string>();
        var ct = TestContext.Current.CancellationToken;
        var first = await lines.EnterAsync("shop-1", ct);
        using var give = new CancellationTokenSource();
        var second = lines.EnterAsync("shop-1", give.Token).AsTask();
        Assert.False(second.IsCompleted);

        await give.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.Equal(1, lines.UsersOf("shop-1"));
        first.Dispose();
        Assert.Equal(0, lines.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WaitingLines<string>(width: 0));
    }
}
