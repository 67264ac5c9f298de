using Microsoft.Extensions.Configuration;

namespace OpenClaw.AppHost.Store;

/// <summary>
/// The AppHost's <c>Store</c> configuration section (appsettings, <c>--Store:Kind=redis</c> on the command line, or
/// <c>Store__Kind</c> in the environment).
/// </summary>
public sealed class StoreSettings
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Store";

    /// <summary>Which server runs locally (<c>garnet</c> or <c>redis</c>).</summary>
    public RedisProtocolServerKind Kind { get; set; } = RedisProtocolServerKind.Garnet;

    /// <summary>
    /// Folder the server persists into. Relative paths are under the repository root; the default keeps data in the
    /// gitignored <c>.openclaw/store/{kind}</c> so grain state survives an AppHost restart. Tests pass a temp folder.
    /// </summary>
    public string? DataPath { get; set; }

    /// <summary>Reads the section; unknown kinds fail at start with the accepted values.</summary>
    public static StoreSettings From(IConfiguration configuration, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var settings = new StoreSettings();
        if (section["Kind"] is { Length: > 0 } kind)
        {
            settings.Kind = Enum.TryParse<RedisProtocolServerKind>(kind, ignoreCase: true, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"Store:Kind '{kind}' is not supported; use 'garnet' or 'redis'.");
        }

        var dataPath = section["DataPath"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(".openclaw", "store", settings.Kind.ToString().ToLowerInvariant());
        settings.DataPath = Path.GetFullPath(dataPath, repositoryRoot);
        return settings;
    }
}
