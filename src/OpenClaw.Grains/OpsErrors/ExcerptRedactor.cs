using System.Text.RegularExpressions;

namespace OpenClaw.Grains.OpsErrors;

/// <summary>
/// Makes a request or response excerpt safe to store (ARCHITECTURE §6: never a token, secret, signature or buyer PII
/// in an error record): masks the value of every JSON field, query parameter or header whose name says credential or
/// personal data (tokens, secrets, <c>sign</c>, auth codes, names, phone numbers, e-mails, addresses, postal codes,
/// buyer messages), masks <c>Authorization</c> and cookie header lines to their end, masks anything shaped like an e-mail address, then
/// truncates. Works on broken or cut-off JSON
/// (a value cut by the excerpt's end is masked to the end). A nested object under a personal key keeps its braces;
/// its own personal fields are masked by their names.
/// </summary>
public static partial class ExcerptRedactor
{
    private const string Mask = "***";

    /// <summary>The redacted text, at most <paramref name="maxLength"/> characters (ending in <c>…</c> when cut); null stays null.</summary>
    public static string? Redact(string? text, int maxLength)
    {
        if (text is null)
        {
            return null;
        }

        text = JsonField().Replace(text, m => m.Groups["key"].Value + (m.Groups["quoted"].Success ? "\"" + Mask + "\"" : Mask));
        text = CredentialLine().Replace(text, m => m.Groups["key"].Value + Mask);
        text = QueryOrHeader().Replace(text, m => m.Groups["key"].Value + Mask);
        text = Email().Replace(text, Mask);
        return text.Length <= maxLength ? text : text[..(maxLength - 1)] + "…";
    }

    // "key": "value" (escapes, or cut off at the end) or "key": bare-value.
    [GeneratedRegex("""(?<key>"[^"]*(?:token|secret|sign|auth_code|password|authori[sz]ation|cookie|session|api_?key|name|phone|mobile|email|address|postal|zip|buyer_message|recipient|id_number)[^"]*"\s*:\s*)(?:(?<quoted>")(?:[^"\\]|\\.)*(?:"|$)|[^,}\]\s"{\[]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JsonField();

    // access_token=… in a query string, x-tts-access-token: … in a header dump.
    [GeneratedRegex("""(?<key>\b(?:access_token|refresh_token|app_secret|sign|auth_code|x-tts-access-token)\s*[=:]\s*)[^&\s"',;]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryOrHeader();

    // "Authorization: Bearer …", "Cookie: a=1; b=2" in a header dump: the whole value to the line end (it has spaces and ';').
    [GeneratedRegex("""(?<key>\b(?:proxy-)?authorization\s*[=:]\s*|\b(?:set-)?cookie\s*[=:]\s*)[^\r\n"]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialLine();

    /// <summary>
    /// Response headers as stored: <c>Name: value</c> lines in the order given, every credential-bearing header's value
    /// masked whole (<c>Authorization</c>, <c>Proxy-Authorization</c>, <c>Cookie</c>, <c>Set-Cookie</c>, and any name
    /// with token, secret, sign, session, password or api key in it, e.g. <c>x-tts-access-token</c>), the rest redacted as
    /// text; at most <paramref name="maxLength"/> characters. Null or empty stays null.
    /// </summary>
    public static string? RedactHeaders(IEnumerable<KeyValuePair<string, string>>? headers, int maxLength)
    {
        var lines = headers?.Select(h => h.Key + ": " + (SecretHeader().IsMatch(h.Key) ? Mask : h.Value.ReplaceLineEndings(" "))).ToList();
        return lines is null || lines.Count == 0 ? null : Redact(string.Join("\n", lines), maxLength);
    }

    [GeneratedRegex("authori[sz]ation|cookie|token|secret|sign|session|password|api[-_]?key", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretHeader();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();
}
