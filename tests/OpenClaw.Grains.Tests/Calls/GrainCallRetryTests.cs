using OpenClaw.Grains.Calls;
using Orleans.Storage;

namespace OpenClaw.Grains.Tests.Calls;

/// <summary>What a caller sees while a silo fails over: transient failures are retried, everything else is not.</summary>
public sealed class GrainCallRetryTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<Exception> TransientFailures() =>
    [
        new SiloUnavailableException("silo S10.0.0.4:11111 is dead"),
        new OrleansException("gateway too busy"),
        new TimeoutException("response did not arrive on time"),
        new Orleans.Persistence.Redis.RedisStorageException("Failed to read grain state for shop/1. StackExchange.Redis.RedisServerException: LOADING Redis is loading the dataset in memory"),
    ];

    [Theory]
    [MemberData(nameof(TransientFailures))]
    public async Task RetryAsync_TransientFailureThenSuccess_ReturnsTheAnswer(Exception failure)
    {
        var attempts = 0;
        var answer = await GrainCallRetry.RetryAsync(
            () => ++attempts < 3 ? Task.FromException<int>(failure) : Task.FromResult(42),
            TimeSpan.FromSeconds(10), Cancellation);

        Assert.Equal(42, answer);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task RetryAsync_MessageExpiredBeforePlacement_IsRetried_ButTheCallersCancellationIsNot()
    {
        var attempts = 0;
        var answer = await GrainCallRetry.RetryAsync(
            () => ++attempts < 2 ? Task.FromException<int>(new OperationCanceledException("Message expired before placement could complete for grain shop/1.")) : Task.FromResult(7),
            TimeSpan.FromSeconds(10), Cancellation);
        Assert.Equal((7, 2), (answer, attempts));

        using var cancelled = new CancellationTokenSource();
        attempts = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GrainCallRetry.RetryAsync<int>(() =>
        {
            attempts++;
            cancelled.Cancel();
            throw new OperationCanceledException(cancelled.Token);
        }, TimeSpan.FromSeconds(10), cancelled.Token));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task RetryAsync_DomainErrorOrStorageConflict_FailsAtOnce()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<ArgumentException>(() => GrainCallRetry.RetryAsync<int>(
            () => { attempts++; throw new ArgumentException("time zone 'Mars/Base' is not an IANA time zone id"); },
            TimeSpan.FromSeconds(10), Cancellation));
        await Assert.ThrowsAsync<InconsistentStateException>(() => GrainCallRetry.RetryAsync<int>(
            () => { attempts++; throw new InconsistentStateException("etag mismatch"); },
            TimeSpan.FromSeconds(10), Cancellation));

        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task RetryAsync_StillFailingWhenTheBudgetIsSpent_RethrowsTheLastFailure()
    {
        var attempts = 0;
        var started = DateTime.UtcNow;

        await Assert.ThrowsAsync<SiloUnavailableException>(() => GrainCallRetry.RetryAsync<int>(
            () => { attempts++; throw new SiloUnavailableException("still dead"); },
            TimeSpan.FromMilliseconds(500), Cancellation));

        Assert.True(attempts >= 2, $"retried {attempts} time(s)");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "gave up long after the budget");
    }
}
