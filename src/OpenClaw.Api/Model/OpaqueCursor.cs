using System.Text;

namespace OpenClaw.Api.Model;

/// <summary>Paging cursors: <c>prefix + position</c> as base64url, so clients pass them back unchanged rather than build them.</summary>
public static class OpaqueCursor
{
    /// <summary>Longest cursor accepted.</summary>
    public const int MaxLength = 200;

    /// <summary>The cursor of <paramref name="position"/>.</summary>
    public static string Encode(string prefix, string position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(prefix + position)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position a cursor carries, or null when it is not one made with <paramref name="prefix"/>.</summary>
    public static string? Decode(string prefix, string cursor)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (cursor is null || cursor.Length is 0 or > MaxLength)
        {
            return null;
        }

        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes, 0, written);
        return text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : null;
    }
}
