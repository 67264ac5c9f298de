using System.Globalization;
using OpenClaw.Api.Model;

namespace OpenClaw.Api.Audit;

/// <summary>Filters and paging of <c>GET /api/v1/audit</c> (bound from the query string).</summary>
/// <param name="From">Oldest time included (ISO 8601 with offset).</param>
/// <param name="To">Newest time included (ISO 8601 with offset).</param>
/// <param name="Action">Only this action (e.g. <c>shop.settings_updated</c>).</param>
/// <param name="Limit">Page size, 1–500 (default 100).</param>
/// <param name="Cursor">The <c>next_cursor</c> of the previous page.</param>
public sealed record AuditQuery(string? From, string? To, string? Action, int? Limit, string? Cursor)
{
    /// <summary>Largest page.</summary>
    public const int MaxLimit = 500;

    /// <summary>Page size when none is asked.</summary>
    public const int DefaultLimit = 100;

    private const string CursorPrefix = "audit-before:";

    /// <summary>The problems by parameter name; empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (From is not null && Time(From) is null)
        {
            errors["from"] = ["from must be an ISO 8601 time with offset, e.g. 2026-12-01T00:00:00+08:00"];
        }

        if (To is not null && Time(To) is null)
        {
            errors["to"] = ["to must be an ISO 8601 time with offset, e.g. 2026-12-01T00:00:00+08:00"];
        }

        if (Action is not null && !AuditActions.All.Contains(Action))
        {
            errors["action"] = ["action must be one of: " + string.Join(", ", AuditActions.All.Order(StringComparer.Ordinal))];
        }

        if (Limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}"];
        }

        if (Cursor is not null && Before is null)
        {
            errors["cursor"] = ["cursor is not one this API issued; pass next_cursor unchanged"];
        }

        return errors;
    }

    /// <summary>The lower bound, or null.</summary>
    public DateTimeOffset? FromTime => From is null ? null : Time(From);

    /// <summary>The upper bound, or null.</summary>
    public DateTimeOffset? ToTime => To is null ? null : Time(To);

    /// <summary>The position the page continues below, or null for the newest.</summary>
    public long? Before => Cursor is not null && OpaqueCursor.Decode(CursorPrefix, Cursor) is { } text
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position : null;

    /// <summary>The cursor of the page below <paramref name="position"/>.</summary>
    public static string EncodeCursor(long position) => OpaqueCursor.Encode(CursorPrefix, position.ToString(CultureInfo.InvariantCulture));

    // An offset is required: a time without one would be read in the server's zone.
    private static DateTimeOffset? Time(string text) =>
        text.Length <= 64 && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10)
        && DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t
            : null;
}
