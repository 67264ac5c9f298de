using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenClaw.ServiceDefaults.Redis;
using OpenClaw.TestSupport;

namespace OpenClaw.ServiceDefaults.Tests;

/// <summary>A real web service on a loopback port, configured like an OpenClaw process.</summary>
internal static class TestService
{
    /// <summary>
    /// Builds the service from <paramref name="settings"/> only (no environment variables or files, so tests running
    /// in parallel cannot see each other's settings); <paramref name="redis"/> adds <c>AddOpenClawRedis</c>.
    /// </summary>
    public static WebApplication Build(IDictionary<string, string?> settings, bool redis = false, Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "openclaw-test-service" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:" + FreePort.Next());
        builder.AddServiceDefaults();
        if (redis)
        {
            builder.AddOpenClawRedis();
        }

        var app = builder.Build();
        app.MapDefaultEndpoints();
        map?.Invoke(app);
        return app;
    }

    public static HttpClient ClientFor(WebApplication app) => new() { BaseAddress = new Uri(app.Urls.First()) };

    public static async Task<System.Net.HttpStatusCode> StatusOfAsync(this HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return response.StatusCode;
    }
}
