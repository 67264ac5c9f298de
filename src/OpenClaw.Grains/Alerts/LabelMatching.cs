using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace OpenClaw.Grains.Alerts;

/// <summary>
/// Evaluates Alertmanager-style label matchers: a missing label reads as the empty string, and regular expressions
/// are fully anchored (<c>^(?:re)$</c>), as in Alertmanager's matcher semantics
/// (https://prometheus.io/docs/alerting/latest/configuration/#matcher). Regexes run with a 50 ms timeout so a tenant's
/// pattern cannot stall a grain.
/// </summary>
public static class LabelMatching
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(50);
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>True when every matcher matches <paramref name="labels"/> (an empty list matches everything).</summary>
    public static bool MatchesAll(IEnumerable<LabelMatcher> matchers, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        return matchers.All(m => Matches(m, labels));
    }

    /// <summary>True when <paramref name="matcher"/> matches <paramref name="labels"/>.</summary>
    public static bool Matches(LabelMatcher matcher, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(labels);
        var value = labels.GetValueOrDefault(matcher.Name, "");
        return matcher.Operator switch
        {
            MatchOperator.Equal => string.Equals(value, matcher.Value, StringComparison.Ordinal),
            MatchOperator.NotEqual => !string.Equals(value, matcher.Value, StringComparison.Ordinal),
            MatchOperator.Regex => RegexMatches(matcher.Value, value),
            MatchOperator.NotRegex => !RegexMatches(matcher.Value, value),
            _ => false,
        };
    }

    /// <summary>An error message when <paramref name="matcher"/> cannot be evaluated (empty name, bad regex), else null.</summary>
    public static string? Problem(LabelMatcher matcher)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        if (string.IsNullOrWhiteSpace(matcher.Name))
        {
            return "a matcher needs a label name";
        }

        if (!Enum.IsDefined(matcher.Operator))
        {
            return $"matcher on '{matcher.Name}' has an unknown operator (use =, !=, =~ or !~)";
        }

        if (matcher.Operator is MatchOperator.Regex or MatchOperator.NotRegex)
        {
            try
            {
                _ = Compile(matcher.Value);
            }
            catch (ArgumentException ex)
            {
                return $"matcher on '{matcher.Name}' has an invalid regular expression: {ex.Message}";
            }
        }

        return null;
    }

    private static bool RegexMatches(string pattern, string value)
    {
        try
        {
            return Compile(pattern).IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false; // a runaway pattern never matches
        }
    }

    private static Regex Compile(string pattern)
    {
        if (Cache.Count > 1024)
        {
            Cache.Clear(); // bounded: patterns come from tenant configuration
        }

        return Cache.GetOrAdd(pattern, p => new Regex($"^(?:{p})$", RegexOptions.CultureInvariant, RegexTimeout));
    }
}
