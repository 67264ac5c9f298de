using OpenClaw.AppHost.Model;
using OpenClaw.ServiceDefaults.Redis;

namespace OpenClaw.AppHost.Run;

/// <summary>Waits until a started resource answers: PING for Redis, the health path for projects.</summary>
internal static class ReadyCheck
{
    public static async Task<bool> WaitAsync(Resource resource, ChildProcess process, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            if (process.HasExited)
            {
                return false;
            }

            var ready = resource.Kind == ResourceKind.Redis
                ? await RedisProbe.PingsAsync(resource.Port).ConfigureAwait(false)
                : await AnswersAsync(http, new Uri($"http://127.0.0.1:{resource.Port}{resource.HealthPath}")).ConfigureAwait(false);
            if (ready)
            {
                return true;
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri uri)
    {
        try
        {
            using var response = await http.GetAsync(uri).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
