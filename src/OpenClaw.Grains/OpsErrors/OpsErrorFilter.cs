using System.Buffers.Text;
using System.Text;

namespace OpenClaw.Grains.OpsErrors;

/// <summary>What an ops error search keeps; every criterion is optional and they combine with AND.</summary>
/// <param name="Code">Error catalogue key (e.g. <c>36009003</c>, <c>http_503</c>, <c>bad_response</c>).</param>
/// <param name="HttpStatus">HTTP status of the latest occurrence.</param>
/// <param name="Endpoint">API path template, exactly.</param>
/// <param name="ShopId">TikTok shop id.</param>
/// <param name="From">Last seen at or after (clamped to the retention window).</param>
/// <param name="To">Last seen at or before.</param>
/// <param name="MinRetries">The group's worst call needed at least this many retries.</param>
/// <param name="Source">Who reported it: <c>openclaw</c> or <c>seller</c> (<see cref="OpsErrorSources"/>).</param>
public sealed record OpsErrorFilter(
    string? Code = null, int? HttpStatus = null, string? Endpoint = null, string? ShopId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, int? MinRetries = null, string? Source = null)
{
    /// <summary>The indexes that hold every match (an equality filter's own index, or all groups); the search scans the smallest.</summary>
    public IReadOnlyList<string> IndexKeys(string tenantId)
    {
        var keys = new List<string>();
        if (Code is not null) keys.Add(OpsErrorKeys.Code(tenantId, Code));
        if (HttpStatus is not null) keys.Add(OpsErrorKeys.HttpStatus(tenantId, HttpStatus));
        if (Endpoint is not null) keys.Add(OpsErrorKeys.Endpoint(tenantId, Endpoint));
        if (ShopId is not null) keys.Add(OpsErrorKeys.Shop(tenantId, ShopId));
        if (MinRetries is > 0) keys.Add(OpsErrorKeys.Retries(tenantId, MinRetries.Value));
        if (Source is not null && Source != OpsErrorSources.OpenClaw) keys.Add(OpsErrorKeys.Source(tenantId, Source));
        return keys.Count > 0 ? keys : [OpsErrorKeys.All(tenantId)];
    }

    /// <summary>True when the record meets every criterion (the index scanned guarantees only one).</summary>
    public bool Matches(OpsErrorRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (Code is null || string.Equals(record.Code, Code, StringComparison.Ordinal))
            && (HttpStatus is null || record.HttpStatus == HttpStatus)
            && (Endpoint is null || string.Equals(record.Endpoint, Endpoint, StringComparison.Ordinal))
            && (ShopId is null || string.Equals(record.ShopId, ShopId, StringComparison.Ordinal))
            && (From is null || record.LastSeen >= From)
            && (To is null || record.LastSeen <= To)
            && (MinRetries is null || record.MaxRetries >= MinRetries)
            && (Source is null || string.Equals(record.Source, Source, StringComparison.Ordinal));
    }
}

/// <summary>Where a page of groups (newest last seen first) ended: the last group's last-seen score and id.</summary>
/// <param name="LastSeenMs">Last seen of the page's last group (Unix ms, its index score).</param>
/// <param name="GroupId">The page's last group id.</param>
public sealed record OpsErrorCursor(long LastSeenMs, string GroupId)
{
    private const string Version = "e1|";

    /// <summary>The opaque cursor (base64url).</summary>
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Version + LastSeenMs.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + GroupId));

    /// <summary>Reads a cursor this type encoded; null for anything else.</summary>
    public static OpsErrorCursor? TryDecode(string? text)
    {
        if (text is null || text.Length is 0 or > 600)
        {
            return null;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(bytes, 0, written).Split('|', 3);
        return parts.Length == 3 && parts[0] + "|" == Version && parts[2].Length > 0
            && long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            ? new OpsErrorCursor(ms, parts[2])
            : null;
    }
}
