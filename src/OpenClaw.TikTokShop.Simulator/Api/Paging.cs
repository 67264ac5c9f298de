using System.Globalization;
using System.Text;

namespace OpenClaw.TikTokShop.Simulator.Api;

/// <summary>
/// Opaque page tokens: base64 of the simulated time the listing started at and an offset. Every page of one listing is
/// computed at that same instant, so paging while the clock runs still yields each item exactly once.
/// </summary>
public static class Paging
{
    /// <summary>Where a listing resumes: the snapshot time and the offset.</summary>
    public static (long AsOf, int Offset) Resume(ApiCall call, int errorCode = ErrorCodes.InvalidRequest)
    {
        ArgumentNullException.ThrowIfNull(call);
        var token = call.Query("page_token");
        if (token is null)
        {
            return (call.Now, 0);
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            if (parts.Length == 3 && parts[0] == "v1"
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var asOf)
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return (Math.Min(asOf, call.Now), offset);
            }
        }
        catch (FormatException)
        {
            // Falls through to the envelope error below.
        }

        throw new ApiException(ApiError.Of(errorCode, "invalid page_token"));
    }

    /// <summary>One page of a sorted listing and the token of the next page (empty when this is the last).</summary>
    public static (IReadOnlyList<T> Items, string NextToken) Slice<T>(ApiCall call, IReadOnlyList<T> sorted, long asOf, int offset, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(sorted);
        var items = sorted.Skip(offset).Take(pageSize).ToList();
        var next = offset + items.Count;
        var nextToken = next < sorted.Count ? Encode(asOf, next) : "";
        switch (call.PageFault)
        {
            case "duplicate_page":
                // The next page token points at this page again: the client receives the same items twice.
                nextToken = Encode(asOf, offset);
                break;
            case "out_of_order_page":
                items.Reverse();
                break;
        }

        return (items, nextToken);
    }

    private static string Encode(long asOf, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"v1:{asOf}:{offset}")));
}
