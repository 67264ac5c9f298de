using System.Text.RegularExpressions;
using OpenClaw.Api.Model;
using OpenClaw.Grains.Shops;

namespace OpenClaw.Api.Shops;

/// <summary>Filters and paging of <c>GET /api/v1/shops</c> (bound from the query string).</summary>
/// <param name="Limit">Page size, 1–200 (default 50).</param>
/// <param name="Cursor">The <c>next_cursor</c> of the previous page.</param>
/// <param name="Status">Only shops in this status (<c>active</c>, <c>paused</c>, <c>needs_reauthorization</c>, …).</param>
/// <param name="Region">Only shops of this two-letter region.</param>
/// <param name="Tag">Only shops carrying this tag.</param>
public sealed partial record ShopQuery(int? Limit, string? Cursor, string? Status, string? Region, string? Tag)
{
    /// <summary>Largest page.</summary>
    public const int MaxLimit = 200;

    /// <summary>Page size when none is asked.</summary>
    public const int DefaultLimit = 50;

    private const string CursorPrefix = "after:";

    /// <summary>Checks the query; the problems by parameter name, empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}"];
        }

        if (Cursor is not null && DecodeCursor(Cursor) is null)
        {
            errors["cursor"] = ["cursor is not one this API issued; pass next_cursor unchanged"];
        }

        if (Status is not null && ParseStatus(Status) is null)
        {
            errors["status"] = ["status must be one of: " + string.Join(", ", Enum.GetNames<ShopStatus>().Select(SnakeCase))];
        }

        if (Region is not null && !RegionPattern().IsMatch(Region))
        {
            errors["region"] = ["region must be a two-letter code such as US or GB"];
        }

        if (Tag is { Length: 0 or > 64 })
        {
            errors["tag"] = ["tag must be 1–64 characters"];
        }

        return errors;
    }

    /// <summary>The status filter as an enum (null when absent or invalid).</summary>
    public ShopStatus? StatusFilter => Status is null ? null : ParseStatus(Status);

    /// <summary>The shop id the page starts after, or null for the first page.</summary>
    public string? After => Cursor is null ? null : DecodeCursor(Cursor);

    /// <summary>The cursor of the page after <paramref name="lastShopId"/>.</summary>
    public static string EncodeCursor(string lastShopId) => OpaqueCursor.Encode(CursorPrefix, lastShopId);

    private static string? DecodeCursor(string cursor) => OpaqueCursor.Decode(CursorPrefix, cursor) is { } id && ShopIds.IsValid(id) ? id : null;

    private static ShopStatus? ParseStatus(string text) =>
        Enum.GetValues<ShopStatus>().Where(s => SnakeCase(s.ToString()) == text).Select(s => (ShopStatus?)s).FirstOrDefault();

    private static string SnakeCase(string name) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex RegionPattern();
}

/// <summary>Shop ids at the edge: TikTok's are digit strings; letters, digits, <c>-</c> and <c>_</c> up to 64 are accepted.</summary>
public static partial class ShopIds
{
    /// <summary>True for an acceptable shop id.</summary>
    public static bool IsValid(string? shopId) => shopId is not null && Pattern().IsMatch(shopId);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Pattern();
}
