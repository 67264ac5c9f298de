using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace OpenClaw.Runtime.Hosting;

/// <summary>
/// Keeps the application's own HTTP endpoints (<c>ASPNETCORE_URLS</c> / <c>ASPNETCORE_HTTP_PORTS</c>) when the silo
/// adds its h2c endpoint in code, because Kestrel ignores those settings as soon as code calls <c>Listen</c>.
/// </summary>
internal static class AppEndpoints
{
    public static List<Action<KestrelServerOptions>> FromConfiguration(IConfiguration configuration)
    {
        var endpoints = new List<Action<KestrelServerOptions>>();
        foreach (var url in Split(configuration["urls"]))
        {
            endpoints.Add(FromUrl(url));
        }

        if (endpoints.Count == 0)
        {
            foreach (var port in Split(configuration["http_ports"]))
            {
                var number = int.Parse(port, CultureInfo.InvariantCulture);
                endpoints.Add(kestrel => kestrel.ListenAnyIP(number));
            }
        }

        return endpoints;
    }

    private static Action<KestrelServerOptions> FromUrl(string url)
    {
        const string Http = "http://";
        if (!url.StartsWith(Http, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Silo hosts take plain http URLs only (got '{url}'); terminate TLS in front of the service.");
        }

        var authority = url[Http.Length..].TrimEnd('/');
        var colon = authority.LastIndexOf(':');
        var host = colon > 0 ? authority[..colon] : authority;
        var port = colon > 0 ? int.Parse(authority[(colon + 1)..], CultureInfo.InvariantCulture) : 80;
        return host switch
        {
            "*" or "+" or "0.0.0.0" or "[::]" => kestrel => kestrel.ListenAnyIP(port),
            "localhost" => kestrel => kestrel.ListenLocalhost(port),
            _ => kestrel => kestrel.Listen(IPAddress.Parse(host.Trim('[', ']')), port),
        };
    }

    private static string[] Split(string? value) =>
        value?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
