using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace OpenClaw.TestSupport;

/// <summary>
/// Counts what reaches the simulator, in front of its whole pipeline (an <see cref="IStartupFilter"/>): token refreshes
/// and each (path, query without signature/timestamp, body) request, i.e. how often the same page was fetched and
/// when (<see cref="Stopwatch"/> timestamps of this process, so a test can tell which kill came between two servings).
/// Shared by the in-process sync tests and the multi-process crash tests. It also keeps every credential a client sent
/// (access tokens, refresh tokens, app secrets, auth codes, signatures), for the security sweep of the fault suite.
/// </summary>
public sealed class SimulatorRequestLog : IStartupFilter
{
    // Query parameters and headers that carry a credential (contract §2–§3).
    private static readonly string[] CredentialParameters = ["sign", "access_token", "refresh_token", "app_secret", "auth_code"];
    private const string AccessTokenHeader = "x-tts-access-token";

    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<long>> _servedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _credentials = new(StringComparer.Ordinal);
    private int _refreshes;

    /// <summary>Token refresh calls seen.</summary>
    public int Refreshes => Volatile.Read(ref _refreshes);

    /// <summary>API requests by identity (path + stable query + body).</summary>
    public IReadOnlyDictionary<string, int> Requests => _requests;

    /// <summary>
    /// When each request identity reached the simulator, in arrival order: <see cref="Stopwatch.GetTimestamp"/> values
    /// (ticks of <see cref="Stopwatch.Frequency"/> per second) taken before the simulator's pipeline ran.
    /// </summary>
    public IReadOnlyList<long> ServedAt(string request) => _servedAt.TryGetValue(request, out var times) ? [.. times] : [];

    /// <summary>Every credential value a client sent (value → the parameter or header it came in).</summary>
    public IReadOnlyDictionary<string, string> Credentials => _credentials;

    /// <summary>Forgets everything counted.</summary>
    public void Clear()
    {
        _requests.Clear();
        _servedAt.Clear();
        _credentials.Clear();
        Interlocked.Exchange(ref _refreshes, 0);
    }

    /// <inheritdoc />
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var path = context.Request.Path.Value ?? "";
            KeepCredentials(context.Request);
            if (path.StartsWith("/api/v2/token/refresh", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _refreshes);
            }
            else if (!path.StartsWith("/_sim", StringComparison.Ordinal) && !path.StartsWith("/api/", StringComparison.Ordinal))
            {
                context.Request.EnableBuffering();
                using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
                var body = await reader.ReadToEndAsync(context.RequestAborted);
                context.Request.Body.Position = 0;
                var query = string.Join('&', context.Request.Query.Where(q => q.Key is not ("sign" or "timestamp")).OrderBy(q => q.Key, StringComparer.Ordinal)
                    .Select(q => q.Key + "=" + q.Value));
                var key = path + "?" + query + " " + body;
                _servedAt.GetOrAdd(key, _ => new ConcurrentQueue<long>()).Enqueue(Stopwatch.GetTimestamp());
                _requests.AddOrUpdate(key, 1, (_, n) => n + 1);
            }

            await nextMiddleware(context);
        });
        next(app);
    };

    private void KeepCredentials(HttpRequest request)
    {
        foreach (var name in CredentialParameters)
        {
            foreach (var value in request.Query[name])
            {
                if (!string.IsNullOrEmpty(value))
                {
                    _credentials.TryAdd(value, name);
                }
            }
        }

        foreach (var value in request.Headers[AccessTokenHeader])
        {
            if (!string.IsNullOrEmpty(value))
            {
                _credentials.TryAdd(value, AccessTokenHeader);
            }
        }
    }
}
