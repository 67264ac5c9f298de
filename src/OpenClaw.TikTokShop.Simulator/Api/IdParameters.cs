namespace OpenClaw.TikTokShop.Simulator.Api;

/// <summary>
/// Shape checks of id parameters (contract §5: ids are strings of digits; <c>ids=a,b</c> is comma-separated, at most
/// 50). A malformed id is a parameter error (36009004, or the endpoint's own parameter code) naming the parameter,
/// checked before any lookup: otherwise <c>ids=["57…"]</c> reads as an unknown order and answers the business error
/// 21008111 "does not belong to the seller", sending an integrator after the wrong fault.
/// </summary>
public static class IdParameters
{
    /// <summary>
    /// A required comma-separated query list (<c>ids=1,2</c>): 1 to <paramref name="max"/> entries, each digits only;
    /// no empty entries, spaces, brackets or quotes.
    /// </summary>
    public static IReadOnlyList<string> QueryList(ApiCall call, string name, int max, string what, int errorCode = ErrorCodes.InvalidRequest)
    {
        ArgumentNullException.ThrowIfNull(call);
        var raw = call.Query(name) ?? throw new ApiException(ApiError.Of(errorCode, $"missing required parameter {name}"));
        var ids = raw.Split(',');
        if (ids.Length > max || !ids.All(IsId))
        {
            throw new ApiException(ApiError.Of(errorCode,
                $"invalid parameter {name}: 1 to {max} {what} ids, comma-separated, digits only (e.g. {name}=576000000000000001,576000000000000002)"));
        }

        return ids;
    }

    /// <summary>A path segment that must be one id (<c>/products/{id}</c>).</summary>
    public static string Path(ApiCall call, string routeKey, string name, int errorCode = ErrorCodes.InvalidRequest)
    {
        ArgumentNullException.ThrowIfNull(call);
        var id = call.RouteValues[routeKey];
        return IsId(id) ? id : throw new ApiException(ApiError.Of(errorCode, $"invalid parameter {name}: an id of digits only"));
    }

    /// <summary>An optional body array of ids (<c>order_ids</c>, <c>warehouse_ids</c>); each entry digits only.</summary>
    public static IReadOnlyList<string>? BodyList(BodyReader body, string name)
    {
        var ids = body.Texts(name);
        return ids is null || ids.All(IsId) ? ids : throw body.Invalid(name, "an array of ids, each digits only");
    }

    /// <summary>True for a non-empty string of ASCII digits.</summary>
    public static bool IsId(string? text) => !string.IsNullOrEmpty(text) && text.All(char.IsAsciiDigit);
}
