using System.Diagnostics;
using OpenClaw.ServiceDefaults.Telemetry;

namespace OpenClaw.ServiceDefaults.Tests;

/// <summary>
/// Operators reading traces see grain calls, not Orleans' membership pings and table polling. The filter decides
/// on finished spans with the tags Orleans sets (<c>orleans.rpc.target_id</c>).
/// </summary>
public sealed class HousekeepingSpanFilterTests : IDisposable
{
    private readonly ActivitySource orleans = new(HousekeepingSpanFilter.OrleansRuntimeSource);
    private readonly ActivitySource redis = new(HousekeepingSpanFilter.RedisSource);
    private readonly ActivitySource openClaw = new("OpenClaw.Test");
    private readonly ActivityListener listener = new()
    {
        ShouldListenTo = _ => true,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public HousekeepingSpanFilterTests() => ActivitySource.AddActivityListener(listener);

    [Theory]
    [InlineData("sys.svc.clustering/10.0.0.4:11111@1", false)]
    [InlineData("sys.svc.load-publisher/10.0.0.4:11111@1", false)]
    [InlineData("shop/7495000000001", true)]
    public void OnEnd_OrleansCall_KeepsGrainCallsAndDropsSystemTargets(string target, bool exported)
    {
        using var span = orleans.StartActivity("IMembershipService/Ping", ActivityKind.Client)!;
        span.SetTag("orleans.rpc.target_id", target);

        new HousekeepingSpanFilter().OnEnd(span);

        Assert.Equal(exported, span.Recorded);
    }

    [Fact]
    public void OnEnd_RedisCommand_DropsUnparentedPollingAndKeepsCommandsInsideAnOperation()
    {
        using var filter = new HousekeepingSpanFilter();
        using (var polling = redis.StartActivity("HGETALL")!)
        {
            filter.OnEnd(polling);
            Assert.False(polling.Recorded);
        }

        using var operation = openClaw.StartActivity("connect shop")!;
        using var write = redis.StartActivity("EVAL")!;
        filter.OnEnd(write);
        filter.OnEnd(operation);

        Assert.True(write.Recorded);
        Assert.True(operation.Recorded);
    }

    public void Dispose()
    {
        listener.Dispose();
        orleans.Dispose();
        redis.Dispose();
        openClaw.Dispose();
    }
}
