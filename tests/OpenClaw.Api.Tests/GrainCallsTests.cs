using Microsoft.Extensions.Options;
using OpenClaw.Api.Access;
using OpenClaw.Api.Errors;

namespace OpenClaw.Api.Tests;

/// <summary>
/// A grain call in flight when a gateway connection closes (its silo was killed) is retried at once instead of
/// waiting out its response timeout; the failover through the real topology is measured by the AppHost run.
/// </summary>
public sealed class GrainCallsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CallInFlightWhenAGatewayCloses_IsRetriedAtOnce()
    {
        var signal = new GatewayLossSignal();
        var unanswered = new TaskCompletionSource<string>(); // the request the killed silo took with it
        var attempts = 0;
        var call = Calls(signal).RetryAsync(() => Interlocked.Increment(ref attempts) == 1 ? unanswered.Task : Task.FromResult("answer"), Ct);

        await Task.Delay(300, Ct);
        Assert.False(call.IsCompleted, "the first attempt has no answer yet");
        signal.NotifyGatewayCountChanged(currentNumberOfGateways: 1, previousNumberOfGateways: 2, connectionRecovered: false);

        Assert.Equal("answer", await call.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task GatewayAdded_OrLostBeforeTheCall_DoesNotAbandonIt()
    {
        var signal = new GatewayLossSignal();
        signal.NotifyClusterConnectionLost(); // before the call: not its concern
        var answer = new TaskCompletionSource<string>();
        var attempts = 0;
        var call = Calls(signal).RetryAsync(() => { Interlocked.Increment(ref attempts); return answer.Task; }, Ct);

        signal.NotifyGatewayCountChanged(currentNumberOfGateways: 2, previousNumberOfGateways: 1, connectionRecovered: true);
        await Task.Delay(300, Ct);
        answer.SetResult("answer");

        Assert.Equal("answer", await call.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task EveryAttemptAbandoned_TheBudgetEndsWithATimeout()
    {
        var signal = new GatewayLossSignal();
        using var losses = new Timer(_ => signal.NotifyClusterConnectionLost(), null, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
        var calls = Calls(signal, budget: TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<TimeoutException>(() => calls.RetryAsync(() => new TaskCompletionSource<string>().Task, Ct));
    }

    private static GrainCalls Calls(GatewayLossSignal signal, TimeSpan? budget = null) =>
        new(Options.Create(new ApiOptions { GrainCallBudget = budget ?? TimeSpan.FromSeconds(15) }), signal);
}
