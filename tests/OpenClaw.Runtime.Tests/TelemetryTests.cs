using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenClaw.Runtime.Telemetry;
using OpenClaw.Runtime.Tests.Grains;
using OpenClaw.Runtime.Tests.Support;

namespace OpenClaw.Runtime.Tests;

/// <summary>The runtime's spans and metrics.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Activation_storage_and_calls_show_up_as_spans_and_metrics()
    {
        var key = "telemetry-" + Guid.NewGuid().ToString("N");
        var measurements = new ConcurrentBag<string>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == RuntimeTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, _, _, _) => measurements.Add(instrument.Name));
        meters.SetMeasurementEventCallback<double>((instrument, _, _, _) => measurements.Add(instrument.Name));
        meters.Start();
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == RuntimeTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        await using var silo = await InProcessSilo.StartLocalAsync();
        await silo.Grains.GetGrain<ITurnProbeGrain>(key).Increment();
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => silo.Grains.GetGrain<ITurnProbeGrain>(key).Enter(5)));

        Assert.Contains(spans, s => s.OperationName == "activate turnprobe");
        Assert.Contains(spans, s => s.OperationName == "storage read" && (string?)s.GetTagItem("openclaw.grain.state") == "counter");
        Assert.Contains(spans, s => s.OperationName == "storage write");
        Assert.DoesNotContain(spans, s => s.TagObjects.Any(t => t.Value is string v && v.Contains(key, StringComparison.Ordinal)));
        foreach (var name in new[] { "openclaw.runtime.activations", "openclaw.runtime.calls", "openclaw.runtime.turn.duration", "openclaw.runtime.mailbox.depth", "openclaw.runtime.storage.duration" })
        {
            Assert.Contains(name, measurements);
        }
    }
}
