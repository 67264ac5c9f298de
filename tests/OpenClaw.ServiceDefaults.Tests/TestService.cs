using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenClaw.TestSupport;

namespace OpenClaw.ServiceDefaults.Tests;

/// <summary>A real web service on a loopback port, configured like an OpenClaw process.</summary>
internal static class TestService
{
    public static WebApplication Build(IDictionary<string, string?> settings, Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "openclaw-test-service" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:" + FreePort.Next());
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        map?.Invoke(app);
        return app;
    }

    public static HttpClient ClientFor(WebApplication app) => new() { BaseAddress = new Uri(app.Urls.First()) };
}
