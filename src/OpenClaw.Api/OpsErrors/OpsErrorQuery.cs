using System.Globalization;
using System.Text.RegularExpressions;
using OpenClaw.Api.Shops;
using OpenClaw.Grains.OpsErrors;

namespace OpenClaw.Api.OpsErrors;

/// <summary>
/// Filters, paging and options of <c>/api/v1/ops-errors</c>, bound from the query string as text so a bad value is a
/// 400 problem naming the parameter (not a binder failure).
/// </summary>
/// <param name="Code">Error catalogue key: TikTok's code (<c>36009003</c>) or a pseudo-key (<c>http_503</c>, <c>bad_response</c>, <c>timeout</c>).</param>
/// <param name="HttpStatus">HTTP status 100–599.</param>
/// <param name="Endpoint">API path template, e.g. <c>/order/202309/orders/search</c>.</param>
/// <param name="ShopId">TikTok shop id.</param>
/// <param name="From">Last seen at or after: ISO 8601 with an offset.</param>
/// <param name="To">Last seen at or before: ISO 8601 with an offset.</param>
/// <param name="MinRetries">The group's worst call needed at least this many retries (0–100).</param>
/// <param name="Limit">Page size 1–500 (default 100); list only.</param>
/// <param name="Cursor">The <c>next_cursor</c> of the previous page; list only.</param>
/// <param name="By">Summary dimension: <c>code</c>, <c>endpoint</c>, <c>shop</c> or <c>httpStatus</c>; summary only.</param>
/// <param name="Lang">Language of the diagnosis and fix: <c>en</c> (default) or <c>zh-CN</c>; export only.</param>
/// <param name="Source">Who reported the errors: <c>openclaw</c> (OpenClaw's own calls) or <c>seller</c> (the seller's own systems); both when absent.</param>
public sealed partial record OpsErrorQuery(
    string? Code, string? HttpStatus, string? Endpoint, string? ShopId, string? From, string? To, string? MinRetries,
    string? Limit, string? Cursor, string? By, string? Lang, string? Source = null)
{
    /// <summary>Largest page.</summary>
    public const int MaxLimit = 500;

    /// <summary>Page size when none is asked.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Checks the filters (and <paramref name="extra"/>'s parameters); the problems by parameter name, empty when valid.</summary>
    public Dictionary<string, string[]> Validate(params string[] extra)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Check(string name, bool ok, string message)
        {
            if (!ok)
            {
                errors[name] = [message];
            }
        }

        Check("code", Code is null || CodePattern().IsMatch(Code), "code must be an error catalogue key such as 36009003 or http_503 (1–64 of A–Z a–z 0–9 _ :)");
        Check("httpStatus", HttpStatus is null || Int(HttpStatus) is >= 100 and <= 599, "httpStatus must be an HTTP status 100–599");
        Check("endpoint", Endpoint is null || (Endpoint.Length is > 1 and <= 200 && Endpoint[0] == '/' && !Endpoint.Contains('|', StringComparison.Ordinal)),
            "endpoint must be an API path such as /order/202309/orders/search");
        Check("shopId", ShopId is null || ShopIds.IsValid(ShopId), "shopId must be 1–64 of A–Z a–z 0–9 _ -");
        Check("from", From is null || Time(From) is not null, "from must be ISO 8601 with an offset, e.g. 2026-11-30T08:00:00+08:00");
        Check("to", To is null || Time(To) is not null, "to must be ISO 8601 with an offset, e.g. 2026-11-30T08:00:00Z");
        if (Time(From) is { } from && Time(To) is { } to && from > to)
        {
            errors["from"] = ["from must not be after to"];
        }

        Check("source", Source is null || OpsErrorSources.IsKnown(Source), "source must be openclaw or seller");
        Check("minRetries", MinRetries is null || Int(MinRetries) is >= 0 and <= 100, "minRetries must be a whole number 0–100");
        if (extra.Contains("limit"))
        {
            Check("limit", Limit is null || Int(Limit) is >= 1 and <= MaxLimit, $"limit must be between 1 and {MaxLimit}");
            Check("cursor", Cursor is null || OpsErrorCursor.TryDecode(Cursor) is not null, "cursor is not one this API issued; pass next_cursor unchanged");
        }

        if (extra.Contains("by"))
        {
            Check("by", Dimension is not null, "by must be one of: code, endpoint, shop, httpStatus");
        }

        if (extra.Contains("lang"))
        {
            Check("lang", Lang is null || Chinese is not null, "lang must be en or zh-CN");
        }

        return errors;
    }

    /// <summary>The filter (call after <see cref="Validate"/> found nothing).</summary>
    public OpsErrorFilter Filter => new(Code, Int(HttpStatus), Endpoint, ShopId, Time(From), Time(To), Int(MinRetries), Source);

    /// <summary>The page size.</summary>
    public int PageSize => Int(Limit) ?? DefaultLimit;

    /// <summary>Where the page starts, or null for the first.</summary>
    public OpsErrorCursor? After => OpsErrorCursor.TryDecode(Cursor);

    /// <summary>The summary dimension, or null when <see cref="By"/> is missing or unknown.</summary>
    public OpsErrorDimension? Dimension => By switch
    {
        "code" => OpsErrorDimension.Code,
        "endpoint" => OpsErrorDimension.Endpoint,
        "shop" => OpsErrorDimension.Shop,
        "httpStatus" => OpsErrorDimension.HttpStatus,
        _ => null,
    };

    /// <summary>True for Chinese, false for English (the default), null for an unknown language.</summary>
    public bool? Chinese => Lang switch
    {
        null => false,
        _ when Lang.Equals("en", StringComparison.OrdinalIgnoreCase) => false,
        _ when Lang.Equals("zh-CN", StringComparison.OrdinalIgnoreCase) || Lang.Equals("zh", StringComparison.OrdinalIgnoreCase) => true,
        _ => null,
    };

    private static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    // An unescaped '+' in a query string arrives as a space: "08:00:00 08:00" is read as "+08:00".
    /// <summary>An ISO 8601 time with an offset (<c>Z</c> or ±hh:mm), else null.</summary>
    internal static DateTimeOffset? Time(string? text) =>
        text is { Length: <= 40 } && OffsetPattern().IsMatch(text.Replace(' ', '+'))
        && DateTimeOffset.TryParse(text.Replace(' ', '+'), CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    [GeneratedRegex("^[A-Za-z0-9_:]{1,64}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex OffsetPattern();
}
