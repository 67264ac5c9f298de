using System.Text.RegularExpressions;

namespace OpenClaw.TestSupport;

/// <summary>
/// The security sweep's search: does any credential a run used (token, secret, signature, auth code) appear in what
/// the run wrote? A match is any <see cref="Fragment"/> consecutive characters of a credential, so a truncated or
/// embedded token counts too.
/// </summary>
public static partial class CredentialSweep
{
    /// <summary>
    /// Characters of a credential that count as a leak when found together: enough to catch a token cut short by an
    /// excerpt or a log template, far too long to match by chance (16 hex digits are 64 bits).
    /// </summary>
    public const int Fragment = 16;

    /// <summary>
    /// Each place where some <see cref="Fragment"/> characters of a credential appear, with its kind and the text around
    /// it: scans the runs of token characters once, looking up each window among every credential's windows.
    /// </summary>
    /// <param name="credentials">Credential value → its kind (e.g. "refresh token (issued)").</param>
    /// <param name="places">Named texts to search (logs, records, telemetry).</param>
    public static List<string> Leaks(Dictionary<string, string> credentials, params (string Name, string Text)[] places)
    {
        var windows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (value, kind) in credentials.Where(c => c.Key.Length >= Fragment))
        {
            for (var i = 0; i + Fragment <= value.Length; i++)
            {
                windows.TryAdd(value.Substring(i, Fragment), kind);
            }
        }

        var lookup = windows.GetAlternateLookup<ReadOnlySpan<char>>();
        var leaks = new List<string>();
        foreach (var (name, text) in places)
        {
            foreach (var run in TokenCharacters().EnumerateMatches(text))
            {
                for (var i = run.Index; i + Fragment <= run.Index + run.Length; i++)
                {
                    if (lookup.TryGetValue(text.AsSpan(i, Fragment), out var kind))
                    {
                        leaks.Add($"{kind} in {name}: …{text.Substring(Math.Max(0, i - 60), Math.Min(120 + Fragment, text.Length - Math.Max(0, i - 60))).ReplaceLineEndings(" ")}…");
                        break;
                    }
                }
            }
        }

        return leaks;
    }

    // Characters of tokens (base64url), signatures (hex), auth codes and the app secret.
    [GeneratedRegex("[A-Za-z0-9_-]{16,}")]
    private static partial Regex TokenCharacters();
}
