namespace OpenClaw.Grains.OpsErrors;

/// <summary>
/// Redis keys of a tenant's ops errors. Every key carries the tenant's hash tag <c>{t:&lt;tenant&gt;}</c>, so a tenant's
/// records and indexes share a cluster slot (one script writes them together). A group is one hash
/// <c>oc:{t:T}:err:&lt;shop&gt;|&lt;endpoint&gt;|&lt;code&gt;</c>; each index is a sorted set of group ids scored by
/// last seen (Unix ms): all groups, per code, per HTTP status (<c>none</c> without an answer), per endpoint, per shop,
/// per reporting source (<c>src:seller</c>), and per retry threshold <c>retries:k</c> (groups whose worst call needed at least k retries, k = 1–<see cref="RetryLevels"/>).
/// </summary>
public static class OpsErrorKeys
{
    /// <summary>Highest retry threshold with its own index; larger <c>minRetries</c> filters use it and check the rest.</summary>
    public const int RetryLevels = 10;

    /// <summary>
    /// The group id: shop, endpoint (path template) and code (error catalogue key), then <c>|seller</c> for what a
    /// seller's own systems reported (<see cref="OpsErrorSources"/>), so the two sources never share a group.
    /// </summary>
    public static string GroupId(string shopId, string endpoint, string code, string source = OpsErrorSources.OpenClaw) =>
        shopId + "|" + endpoint + "|" + code + (source == OpsErrorSources.OpenClaw ? "" : "|" + source);

    /// <summary>The hash of one group.</summary>
    public static string Group(string tenantId, string groupId) => Prefix(tenantId) + groupId;

    /// <summary>Every group of the tenant.</summary>
    public static string All(string tenantId) => Prefix(tenantId) + "ix:all";

    /// <summary>Groups of one error catalogue key (e.g. <c>36009003</c>, <c>http_503</c>, <c>bad_response</c>).</summary>
    public static string Code(string tenantId, string code) => Prefix(tenantId) + "ix:code:" + code;

    /// <summary>Groups whose last answer had this HTTP status; null = no answer (network, timeout).</summary>
    public static string HttpStatus(string tenantId, int? status) =>
        Prefix(tenantId) + "ix:http:" + (status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");

    /// <summary>Groups of one endpoint (path template).</summary>
    public static string Endpoint(string tenantId, string endpoint) => Prefix(tenantId) + "ix:ep:" + endpoint;

    /// <summary>Groups of one shop.</summary>
    public static string Shop(string tenantId, string shopId) => Prefix(tenantId) + "ix:shop:" + shopId;

    /// <summary>Groups of one reporting source other than OpenClaw (only <see cref="OpsErrorSources.Seller"/> is indexed; OpenClaw's own are every other group).</summary>
    public static string Source(string tenantId, string source) => Prefix(tenantId) + "ix:src:" + source;

    /// <summary>Groups whose worst call needed at least <paramref name="retries"/> retries (capped at <see cref="RetryLevels"/>).</summary>
    public static string Retries(string tenantId, int retries) =>
        Prefix(tenantId) + "ix:retries:" + Math.Clamp(retries, 1, RetryLevels).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Prefix(string tenantId) => $"oc:{{t:{tenantId}}}:err:";
}
