using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OpenClaw.Api.Tests;

/// <summary>Keeps every log line the API writes (all categories, Debug and up) so tests can look for leaked secrets.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    /// <summary>Everything logged so far: message, structured values and exception text.</summary>
    public IReadOnlyList<string> Lines => [.. lines];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{category} {formatter(state, exception)} {values} {exception}");
        }
    }
}
