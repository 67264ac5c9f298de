using System.Globalization;
using OpenClaw.Api.Shops;
using OpenClaw.Grains.Alerts;

namespace OpenClaw.Api.Alerts;

/// <summary>Filters and paging of <c>GET /api/v1/alerts</c> (bound from the query string).</summary>
/// <param name="Limit">Page size, 1–200 (default 50).</param>
/// <param name="Cursor">The <c>next_cursor</c> of the previous page.</param>
/// <param name="Status"><c>firing</c> or <c>resolved</c>.</param>
/// <param name="ShopId">Only this shop's alerts.</param>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>critical</c>.</param>
public sealed record AlertQuery(int? Limit, string? Cursor, string? Status, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "shop_id")] string? ShopId, string? Severity)
{
    /// <summary>Checks the query; the problems by parameter name, empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Limit is < 1 or > ShopQuery.MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {ShopQuery.MaxLimit}"];
        }

        if (Cursor is not null && Decode(Cursor) is null)
        {
            errors["cursor"] = ["cursor is not one this API issued; pass next_cursor unchanged"];
        }

        if (Status is not (null or "firing" or "resolved"))
        {
            errors["status"] = ["status must be firing or resolved"];
        }

        if (ShopId is not null && !ShopIds.IsValid(ShopId))
        {
            errors["shop_id"] = ["shop_id must be 1–64 letters, digits, '-' or '_'"];
        }

        if (Severity is not (null or "info" or "warning" or "critical"))
        {
            errors["severity"] = ["severity must be info, warning or critical"];
        }

        return errors;
    }

    /// <summary>One page of <paramref name="all"/>: filtered, newest first (then by fingerprint), after the cursor.</summary>
    public (IReadOnlyList<AlertEntry> Items, string? NextCursor) Page(IEnumerable<AlertEntry> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        var after = Cursor is null ? null : Decode(Cursor);
        var limit = Limit ?? ShopQuery.DefaultLimit;
        var matching = all
            .Where(e => Status is null || (Status == "firing") == (e.Status == AlertStatus.Firing))
            .Where(e => ShopId is null || e.ShopId == ShopId)
            .Where(e => Severity is null || e.Severity.ToString().Equals(Severity, StringComparison.OrdinalIgnoreCase))
            .Select(e => (Key: SortKey(e), Entry: e))
            .Where(x => after is null || string.CompareOrdinal(x.Key, after) > 0)
            .OrderBy(x => x.Key, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        var page = matching.Take(limit).ToList();
        return ([.. page.Select(x => x.Entry)], matching.Count > limit ? Encode(page[^1].Key) : null);
    }

    // Newest fired first: the inverted ticks sort ascending. Digits, '-' and hex only, so the shop list's cursor
    // encoding (ShopQuery, opaque base64 of "after:<key>") carries it unchanged.
    private static string SortKey(AlertEntry e) =>
        (long.MaxValue - e.FiredAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + e.Fingerprint;

    private static string Encode(string key) => ShopQuery.EncodeCursor(key);

    private static string? Decode(string cursor) =>
        new ShopQuery(null, cursor, null, null, null).After is { Length: 19 + 1 + 32 } key ? key : null;
}
