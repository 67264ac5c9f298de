using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpenClaw.ServiceDefaults.Configuration;

/// <summary>
/// Log levels every OpenClaw process starts with, for categories its configuration does not name: a setting such as
/// <c>Logging__LogLevel__System.Net.Http.HttpClient=Information</c> replaces the default for that category.
/// </summary>
public static class LogLevelDefaults
{
    /// <summary>
    /// The defaults by category. HttpClient writes four Information lines per request (a silo syncing 10,000 shops makes
    /// ~190 TikTok calls a second) and ASP.NET Core two per request served; failed TikTok calls are logged by OpenClaw
    /// itself (as warnings) and recorded as ops errors, so nothing an operator needs is lost.
    /// </summary>
    public static IReadOnlyDictionary<string, LogLevel> Levels { get; } = new Dictionary<string, LogLevel>(StringComparer.Ordinal)
    {
        ["System.Net.Http.HttpClient"] = LogLevel.Warning,
        ["Microsoft.AspNetCore"] = LogLevel.Warning,
    };

    /// <summary>
    /// Adds <see cref="Levels"/> as filter rules when the logger options are built (also after a configuration reload),
    /// leaving out every category that <c>Logging:LogLevel</c> names. Rules, not a configuration source: inserting a
    /// source rebuilds the configuration and drops values set in code before (such as <c>UseUrls</c>).
    /// </summary>
    public static TBuilder AddLogLevelDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IConfigureOptions<LoggerFilterOptions>>(services => new ConfigureOptions<LoggerFilterOptions>(options =>
        {
            var configured = services.GetRequiredService<IConfiguration>().GetSection("Logging:LogLevel");
            foreach (var (category, level) in Levels)
            {
                if (configured[category] is null)
                {
                    options.Rules.Add(new LoggerFilterRule(providerName: null, category, level, filter: null));
                }
            }
        }));
        return builder;
    }
}
