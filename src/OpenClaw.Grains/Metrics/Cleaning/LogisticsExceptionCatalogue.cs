using System.Text.RegularExpressions;

namespace OpenClaw.Grains.Metrics.Cleaning;

/// <summary>A carrier exception scan, cleaned: the carrier, its raw code and the normalised category.</summary>
/// <param name="Carrier">The carrier as the scan names it, single-spaced (e.g. <c>J&amp;T Express</c>).</param>
/// <param name="Code">The carrier's code (e.g. <c>9003</c>, <c>NV-21</c>).</param>
/// <param name="Category">A <see cref="LogisticsExceptionCategory"/> value; <c>unclassified</c> when nothing maps.</param>
public sealed record CarrierExceptionScan(string Carrier, string Code, string Category)
{
    /// <summary>The raw code as the metrics keep it: <c>&lt;carrier&gt; &lt;code&gt;</c>, e.g. <c>USPS 9003</c>.</summary>
    public string RawCode => Carrier + " " + Code;
}

/// <summary>The normalised exception categories of docs/metrics.md.</summary>
public static class LogisticsExceptionCategory
{
    /// <summary>The recipient refused or rejected the parcel.</summary>
    public const string PackageRefused = "package_refused";

    /// <summary>Wrong, incomplete or unknown address or addressee.</summary>
    public const string AddressIssue = "address_issue";

    /// <summary>Lost or missing parcel.</summary>
    public const string Lost = "lost";

    /// <summary>Damaged or broken parcel.</summary>
    public const string Damaged = "damaged";

    /// <summary>Returned to sender (RTS).</summary>
    public const string ReturnedToSender = "returned_to_sender";

    /// <summary>Delayed, held or late.</summary>
    public const string Delayed = "delayed";

    /// <summary>An exception nothing maps: kept with its raw code, never dropped.</summary>
    public const string Unclassified = "unclassified";
}

/// <summary>
/// Cleans carrier scans into exceptions (docs/metrics.md, "Logistics exception catalogue"). A scan is an exception only
/// when its description has the shape <c>&lt;carrier&gt; &lt;code&gt;: &lt;text&gt;</c> where the code is upper-case letters, digits, '-' or '_' with at least one digit
/// (so "Delivery attempt failed: recipient unavailable" and "Package lost: returned to sender" stay plain scans). The
/// category comes from a known (carrier, code) first, else from keywords of the text, else <c>unclassified</c>.
/// </summary>
public static partial class LogisticsExceptionCatalogue
{
    // Codes whose meaning carriers publish; the keyword rules below carry everything else (codes vary by carrier and
    // change without notice, the text rarely lies). Keys are "<CARRIER> <CODE>" upper-case, single-spaced.
    private static readonly Dictionary<string, string> KnownCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USPS 9003"] = LogisticsExceptionCategory.PackageRefused,
        ["J&T Express E104"] = LogisticsExceptionCategory.AddressIssue,
        ["Ninja Van NV-21"] = LogisticsExceptionCategory.Damaged,
        ["Royal Mail RM45"] = LogisticsExceptionCategory.Delayed,
    };

    // First rule that matches wins, in the order docs/metrics.md lists them ("lost: returned to sender" is lost).
    private static readonly (Regex Pattern, string Category)[] Keywords =
    [
        (RefusedPattern(), LogisticsExceptionCategory.PackageRefused),
        (AddressPattern(), LogisticsExceptionCategory.AddressIssue),
        (LostPattern(), LogisticsExceptionCategory.Lost),
        (DamagedPattern(), LogisticsExceptionCategory.Damaged),
        (ReturnedPattern(), LogisticsExceptionCategory.ReturnedToSender),
        (DelayedPattern(), LogisticsExceptionCategory.Delayed),
    ];

    /// <summary>The exception a scan description reports, or null for a plain scan (or a null/blank description).</summary>
    public static CarrierExceptionScan? Classify(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        var match = ShapePattern().Match(WhitespacePattern().Replace(description.Trim(), " "));
        if (!match.Success)
        {
            return null;
        }

        var carrier = match.Groups["carrier"].Value;
        var code = match.Groups["code"].Value;
        var text = match.Groups["text"].Value;
        var category = KnownCodes.TryGetValue(carrier + " " + code, out var known)
            ? known
            : Keywords.FirstOrDefault(k => k.Pattern.IsMatch(text)).Category ?? LogisticsExceptionCategory.Unclassified;
        return new CarrierExceptionScan(carrier, code, category);
    }

    // "<carrier> <code>: <text>": the code is the last word before the colon (upper case, a digit in it); the text may be empty.
    [GeneratedRegex(@"^(?<carrier>\S.*?) (?<code>(?=[A-Z_-]*\d)[A-Z0-9][A-Z0-9_-]*) ?: ?(?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ShapePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex(@"\b(refus\w*|reject\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RefusedPattern();

    [GeneratedRegex(@"\baddress(ee)?\w*\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"\b(lost|missing)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LostPattern();

    [GeneratedRegex(@"\b(damaged?|broken)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DamagedPattern();

    [GeneratedRegex(@"\b(return(ed)? to sender|RTS)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReturnedPattern();

    [GeneratedRegex(@"\b(delay(ed|s)?|held|late)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DelayedPattern();
}
