using System.Text.Json;
using OpenClaw.Grains.Alerts;

namespace OpenClaw.Api.Alerts;

/// <summary>
/// Renames the domain validators' field paths (camelCase, e.g. <c>recoveryThreshold</c>, <c>muteTimeIntervals[0].name</c>)
/// to the API's snake_case request fields, so a problem's <c>errors</c> name what the client sent.
/// </summary>
public static class ApiFieldNames
{
    /// <summary>The rule fields whose API names differ beyond case (durations are seconds).</summary>
    public static readonly IReadOnlyDictionary<string, string> RuleFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["window"] = "window_seconds",
        ["for"] = "for_seconds",
    };

    /// <summary>The errors with snake_case paths; <paramref name="renames"/> maps whole first segments.</summary>
    public static Dictionary<string, string[]> Of(IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, string>? renames = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.ToDictionary(e => Path(e.Key, renames), e => e.Value, StringComparer.Ordinal);
    }

    /// <summary>The problem of a grain's refusal.</summary>
    public static Dictionary<string, string[]> Of(AlertConfigurationException exception, IReadOnlyDictionary<string, string>? renames = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Of(exception.Errors, renames);
    }

    private static string Path(string path, IReadOnlyDictionary<string, string>? renames) =>
        string.Join('.', path.Split('.').Select(segment =>
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            var suffix = bracket < 0 ? "" : segment[bracket..];
            return (renames?.GetValueOrDefault(name) ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(name)) + suffix;
        }));
}
