using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace OpenClaw.Bench.Sync;

/// <summary>What the simulator answered, counted per real second in front of its whole pipeline.</summary>
internal enum Answer
{
    /// <summary>A signed API call answered with anything but 429.</summary>
    Served,

    /// <summary>429 with code 36009002: a rate-limit bucket (per app or per shop) turned the call away.</summary>
    RateLimited,

    /// <summary>429 with code 45101004: the app's daily quota is used up (or the app is paused for it).</summary>
    QuotaExceeded,

    /// <summary>Auth service calls (<c>/api/v2/token/*</c>): no quota, no rate limit.</summary>
    Auth,
}

/// <summary>
/// Counts the simulator's answers per real second (an <see cref="IStartupFilter"/>, as
/// <c>tests/OpenClaw.Grains.Tests/Sync/SimulatorRequestLog.cs</c>): signed API calls by outcome, telling 429 36009002
/// from 429 45101004 by the envelope's code (the first bytes of the body).
/// </summary>
internal sealed partial class SimulatorTraffic : IStartupFilter
{
    private const int MaxSeconds = 4 * 3600;
    private static readonly int Kinds = Enum.GetValues<Answer>().Length;
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly long[] perSecond = new long[MaxSeconds * Kinds];
    private readonly ConcurrentDictionary<string, long> byPath = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TimeSpan> limitedAt = new();

    /// <summary>Real time since the simulator started.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(started);

    /// <summary>Answers of <paramref name="kind"/> in whole seconds [<paramref name="from"/>, <paramref name="to"/>) since start.</summary>
    public long Count(Answer kind, TimeSpan from, TimeSpan to)
    {
        long sum = 0;
        for (var s = Math.Max(0, (int)from.TotalSeconds); s < Math.Min(MaxSeconds, (int)Math.Ceiling(to.TotalSeconds)); s++)
        {
            sum += Interlocked.Read(ref perSecond[(s * Kinds) + (int)kind]);
        }

        return sum;
    }

    /// <summary>Answers of <paramref name="kind"/> so far.</summary>
    public long Total(Answer kind) => Count(kind, TimeSpan.Zero, Elapsed + TimeSpan.FromSeconds(1));

    /// <summary>When each 429 (either code) was answered, since start.</summary>
    public IReadOnlyList<TimeSpan> LimitedAt => [.. limitedAt];

    /// <summary>Signed API calls so far by path, ids replaced by <c>{id}</c>.</summary>
    public IReadOnlyDictionary<string, long> ByPath() => new Dictionary<string, long>(byPath, StringComparer.Ordinal);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var path = context.Request.Path.Value ?? "";
            if (path.StartsWith("/_sim", StringComparison.Ordinal) || path.StartsWith("/health", StringComparison.Ordinal)
                || path.StartsWith("/alive", StringComparison.Ordinal) || path.StartsWith("/open/", StringComparison.Ordinal))
            {
                await nextMiddleware(context);
                return;
            }

            if (path.StartsWith("/api/v2/token/", StringComparison.Ordinal))
            {
                await nextMiddleware(context);
                Add(Answer.Auth);
                return;
            }

            var body = context.Response.Body;
            var capture = new PrefixCapture(body);
            context.Response.Body = capture;
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                context.Response.Body = body;
            }

            byPath.AddOrUpdate(Ids().Replace(path, "{id}"), 1, (_, n) => n + 1);
            if (context.Response.StatusCode == StatusCodes.Status429TooManyRequests)
            {
                limitedAt.Enqueue(Elapsed);
            }

            Add(context.Response.StatusCode != StatusCodes.Status429TooManyRequests ? Answer.Served
                : capture.Prefix.Contains("45101004", StringComparison.Ordinal) ? Answer.QuotaExceeded
                : Answer.RateLimited);
        });
        next(app);
    };

    [GeneratedRegex("[0-9]{6,}")]
    private static partial Regex Ids();

    private void Add(Answer kind)
    {
        var second = (int)Elapsed.TotalSeconds;
        if (second < MaxSeconds)
        {
            Interlocked.Increment(ref perSecond[(second * Kinds) + (int)kind]);
        }
    }

    /// <summary>Passes every write through and keeps the first bytes (the envelope's <c>{"code":…</c>).</summary>
    private sealed class PrefixCapture(Stream inner) : Stream
    {
        private readonly byte[] prefix = new byte[64];
        private int length;

        public string Prefix => Encoding.ASCII.GetString(prefix, 0, length);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Capture(buffer);
            inner.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Capture(buffer.Span);
            return inner.WriteAsync(buffer, cancellationToken);
        }

        private void Capture(ReadOnlySpan<byte> data)
        {
            var n = Math.Min(prefix.Length - length, data.Length);
            data[..n].CopyTo(prefix.AsSpan(length));
            length += n;
        }
    }
}
