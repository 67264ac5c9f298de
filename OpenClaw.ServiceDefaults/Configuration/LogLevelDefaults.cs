using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;

namespace OpenClaw.ServiceDefaults.Configuration;

/// <summary>
/// Log levels every OpenClaw process starts with, as the lowest-precedence configuration source: appsettings files,
/// environment variables (<c>Logging__LogLevel__System.Net.Http.HttpClient=Information</c>) and arguments still win.
/// </summary>
public static class LogLevelDefaults
{
    /// <summary>
    /// The defaults, as configuration keys. HttpClient writes four Information lines per request (a silo syncing
    /// 10,000 shops makes ~190 TikTok calls a second) and ASP.NET Core two per request served; failed TikTok calls are
    /// logged by OpenClaw itself (as warnings) and recorded as ops errors, so nothing an operator needs is lost.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Levels { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    /// <summary>Inserts <see cref="Levels"/> before every other configuration source of <paramref name="builder"/>.</summary>
    public static TBuilder AddLogLevelDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
        return builder;
    }
}
