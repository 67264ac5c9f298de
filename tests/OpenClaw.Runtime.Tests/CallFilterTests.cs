using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Runtime.Tests.Grains;
using OpenClaw.Runtime.Tests.Support;

namespace OpenClaw.Runtime.Tests;

/// <summary>Incoming and outgoing grain call filters (for tracing and metrics).</summary>
public sealed class CallFilterTests
{
    [Fact]
    public async Task Incoming_call_filters_see_every_call_with_its_grain_and_method()
    {
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var silo = await InProcessSilo.StartLocalAsync(configure: s =>
        {
            s.Services.AddSingleton(seen);
            s.AddIncomingGrainCallFilter<RecordingFilter>();
        });

        Assert.Equal("hello f from k", await silo.Grains.GetGrain<ILifecycleGrain>("k").Hello("f"));
        Assert.Contains("lifecycle/k Hello -> hello f from k", seen);
    }

    [Fact]
    public async Task Outgoing_call_filters_see_calls_made_on_grain_references()
    {
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var silo = await InProcessSilo.StartLocalAsync(configure: s =>
        {
            s.Services.AddSingleton(seen);
            s.AddOutgoingGrainCallFilter<OutgoingRecorder>();
        });

        await silo.Grains.GetGrain<ILifecycleGrain>("out").Hello("o");
        Assert.Contains("ILifecycleGrain/out Hello -> hello o from out", seen);
    }

    private sealed class OutgoingRecorder(System.Collections.Concurrent.ConcurrentQueue<string> seen) : IOutgoingGrainCallFilter
    {
        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            await context.Invoke();
            seen.Enqueue($"{context.InterfaceType.Name}/{context.PrimaryKey} {context.InterfaceMethod.Name} -> {context.Result}");
        }
    }

    private sealed class RecordingFilter(System.Collections.Concurrent.ConcurrentQueue<string> seen) : IIncomingGrainCallFilter
    {
        public async Task Invoke(IIncomingGrainCallContext context)
        {
            await context.Invoke();
            seen.Enqueue($"{context.TargetId} {context.InterfaceMethod.Name} -> {context.Result}");
        }
    }
}
