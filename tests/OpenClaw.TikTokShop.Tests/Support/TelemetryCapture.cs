using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace OpenClaw.TikTokShop.Tests.Support;

/// <summary>Collects finished activities of the client's and HttpClient's sources.</summary>
public sealed class ActivityCapture : IDisposable
{
    private readonly ActivityListener _listener;

    public ActivityCapture()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "OpenClaw.TikTokShop" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<Activity> Activities { get; } = new();

    /// <summary>Every string an exporter could see: names, tags, status, events.</summary>
    public IEnumerable<string> AllText() => Activities.SelectMany(a =>
        new[] { a.DisplayName, a.OperationName, a.StatusDescription ?? "" }
            .Concat(a.TagObjects.Select(t => t.Key + "=" + t.Value))
            .Concat(a.Events.SelectMany(e => e.Tags.Select(t => e.Name + ":" + t.Key + "=" + t.Value))));

    public void Dispose() => _listener.Dispose();
}

/// <summary>A logger that keeps every formatted message and its state values.</summary>
public sealed class RecordingLogger : ILogger, ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => p.Key + "=" + p.Value)) : "";
        Lines.Enqueue(formatter(state, exception) + " | " + values + " | " + exception);
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }
}
