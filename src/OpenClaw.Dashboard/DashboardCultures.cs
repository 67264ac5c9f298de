namespace OpenClaw.Dashboard;

/// <summary>The UI languages: English and Simplified Chinese.</summary>
public static class DashboardCultures
{
    /// <summary>English (default).</summary>
    public const string English = "en";

    /// <summary>Simplified Chinese.</summary>
    public const string SimplifiedChinese = "zh-Hans";

    /// <summary>Every supported culture name.</summary>
    public static readonly IReadOnlyList<string> Supported = [English, SimplifiedChinese];

    /// <summary>The API's language parameter (<c>en</c> or <c>zh-CN</c>) for the current UI culture.</summary>
    public static string ApiLanguage(System.Globalization.CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : "en";
    }
}
