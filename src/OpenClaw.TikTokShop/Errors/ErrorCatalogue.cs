using System.Collections.Frozen;
using System.Text.RegularExpressions;
using static OpenClaw.TikTokShop.Errors.ErrorCategory;
using static OpenClaw.TikTokShop.Errors.OpenClawReaction;

namespace OpenClaw.TikTokShop.Errors;

/// <summary>
/// The error catalogue: every code of the contract (§3, §4) plus pseudo-entries for failures without a code.
/// All classification data lives in this one table; <see cref="Resolve(int?, int?, string?, IReadOnlyDictionary{string, string}?)"/> (and its
/// three-argument form) is the only lookup.
/// </summary>
public static partial class ErrorCatalogue
{
    /// <summary>Pseudo-entry keys for failures that carry no TikTok code.</summary>
    public static class Keys
    {
        /// <summary>Connection refused/reset, DNS, TLS.</summary>
        public const string Network = "network";
        /// <summary>An attempt exceeded its timeout.</summary>
        public const string Timeout = "timeout";
        /// <summary>The circuit breaker for this shop and endpoint is open.</summary>
        public const string CircuitOpen = "circuit_open";
        /// <summary>The body is not a valid envelope (not JSON, truncated, wrong types, missing fields).</summary>
        public const string BadResponse = "bad_response";
        /// <summary>The connection ended before the whole body arrived.</summary>
        public const string TruncatedResponse = "truncated_response";
        /// <summary>The body exceeds the configured size limit.</summary>
        public const string ResponseTooLarge = "response_too_large";
        /// <summary>HTTP 429 without an envelope code.</summary>
        public const string Http429 = "http_429";
        /// <summary>HTTP 503 without an envelope code (overload protection).</summary>
        public const string Http503 = "http_503";
        /// <summary>Any other 5xx without a known code.</summary>
        public const string Http5xx = "http_5xx";
        /// <summary>Any other 4xx without a known code.</summary>
        public const string Http4xx = "http_4xx";
        /// <summary>A non-zero code that the catalogue does not know.</summary>
        public const string UnknownCode = "unknown_code";
    }

    private const string ParameterCheckCode = "36009004";

    /// <summary>Every entry, in table order.</summary>
    public static IReadOnlyList<ErrorCatalogueEntry> Entries { get; } =
    [
        new("36009002", 36009002, 429, RateLimit, true, BackOffAndReportToBudget, "Too many requests for this app and shop",
            "TikTok rejected the call because this app sent too many requests for this shop in the last second.",
            "OpenClaw slows this shop's calls down and retries; nothing to do unless it persists for hours.",
            "该应用对此店铺在一秒内的请求过多，TikTok 拒绝了本次调用。", "OpenClaw 会降低该店铺的调用速度并重试；除非持续数小时，否则无需处理。"),
        new("36009037", 36009037, 429, RateLimit, true, BackOffAndReportToBudget, "Too many requests (test user)",
            "The test/sandbox seller account hit its stricter request limit.",
            "OpenClaw slows down and retries; use fewer parallel syncs for test shops.",
            "测试/沙箱卖家账号触发了更严格的请求上限。", "OpenClaw 会降速并重试；测试店铺请减少并行同步。"),
        new("45101004", 45101004, 200, RateLimit, false, PauseUntilNextDay, "Daily request quota exhausted",
            "The app used up its daily request quota for this API (e.g. 10,000 requests per day).",
            "OpenClaw pauses this data domain for the shop until the next day; ask TikTok for a higher quota if it recurs.",
            "该应用当天对此接口的请求配额已用完（例如每天 10,000 次）。", "OpenClaw 会暂停该店铺此数据域的同步直到次日；如经常发生，请向 TikTok 申请提高配额。"),
        new("36009003", 36009003, 500, Server, true, RetryWithBackoff, "TikTok internal error",
            "TikTok had an internal error while handling the call.",
            "OpenClaw retries with backoff; if it persists, check TikTok's status page.",
            "TikTok 处理请求时发生内部错误。", "OpenClaw 会退避重试；若持续出现，请查看 TikTok 状态页。"),
        new("36009007", 36009007, 504, Server, true, RetryWithBackoff, "TikTok request timeout",
            "TikTok timed out while handling the call.",
            "OpenClaw retries with backoff; narrow large searches if it keeps happening.",
            "TikTok 处理请求超时。", "OpenClaw 会退避重试；若反复出现，请缩小查询范围。"),
        new("105002", 105002, 401, ErrorCategory.Auth, false, RefreshTokenAndRetryOnce, "Access token expired",
            "The shop's access token has expired.",
            "OpenClaw refreshes the token once and retries once; if refreshing fails the seller must authorize again.",
            "店铺的访问令牌（access token）已过期。", "OpenClaw 会刷新一次令牌并重试一次；若刷新失败，卖家需要重新授权。"),
        new("105005", 105005, 403, Permission, false, EnableScopeAndReauthorize, "API scope not granted",
            "The app has not been granted the permission package this API needs.",
            "Enable the scope for the app in Partner Center, then ask the seller to authorize again.",
            "应用未获得调用该接口所需的权限包。", "请在 Partner Center 为应用开通该权限，然后请卖家重新授权。"),
        new("101000", 101000, 401, ErrorCategory.Auth, false, CheckShopBinding, "Invalid access token or token/shop mismatch",
            "The access token is invalid, revoked, or belongs to a different shop than the shop cipher.",
            "Check that the token and cipher belong to the same shop; if the token was revoked the seller must authorize again.",
            "访问令牌无效、已被撤销，或与 shop_cipher 不属于同一店铺。", "请确认令牌与 shop_cipher 属于同一店铺；若令牌已被撤销，卖家需要重新授权。"),
        new("106001", 106001, 401, BadRequest, false, FixRequest, "Invalid signature",
            "TikTok computed a different signature: usually a wrong app secret, a signed access_token, or a body that changed after signing.",
            "Check the app secret in configuration and that the body is signed byte-for-byte as sent; do not retry.",
            "签名校验失败：通常是 app secret 错误、把 access_token 加入了签名，或签名后请求体被改动。", "请检查配置中的 app secret，并确认签名所用的请求体与实际发送的字节完全一致；不要重试。"),
        new("106013", 106013, 400, BadRequest, false, FixRequest, "shop_cipher missing",
            "A shop-scoped call was sent without shop_cipher.",
            "Make sure the shop's cipher is stored (from the authorized-shops list) and passed to the call.",
            "店铺级接口缺少 shop_cipher 参数。", "请确认已保存店铺的 cipher（来自已授权店铺列表）并在调用时传入。"),
        new(ParameterCheckCode, 36009004, 400, BadRequest, false, FixRequest, "Request rejected by the gateway's parameter check",
            "TikTok's gateway rejected a common parameter (sign, token header, app_key, timestamp, shop_cipher, shop_id, version or a body field).",
            "Read the message for the failing parameter; do not retry unchanged.",
            "TikTok 网关的参数校验未通过（sign、令牌请求头、app_key、timestamp、shop_cipher、shop_id、版本或请求体字段）。", "请根据返回信息找出出错的参数；不要原样重试。"),
        new("36009004:timestamp", 36009004, 400, BadRequest, false, FixRequest, "Timestamp outside the accepted window",
            "The request timestamp is outside now − 5 min … now + 30 s: the server clock is skewed or milliseconds were sent.",
            "Synchronise the server clock (NTP); OpenClaw sends Unix seconds from its clock on every attempt.",
            "请求时间戳不在允许范围内（当前时间前 5 分钟至后 30 秒）：服务器时钟偏差或误传了毫秒。", "请同步服务器时钟（NTP）；OpenClaw 每次请求都会使用当前的秒级时间戳。"),
        new("36009004:shop_cipher", 36009004, 400, BadRequest, false, FixRequest, "shop_cipher not allowed here",
            "shop_cipher was sent to a path that must not have it (authorization or seller APIs), or it is invalid.",
            "Send shop_cipher only on shop-scoped paths and use the cipher from the authorized-shops list.",
            "向不允许的接口（authorization 或 seller）发送了 shop_cipher，或 cipher 无效。", "仅在店铺级接口上发送 shop_cipher，并使用已授权店铺列表中的 cipher。"),
        new("36009004:app_key", 36009004, 400, BadRequest, false, FixRequest, "Invalid app_key",
            "The app_key is unknown to TikTok.",
            "Check TikTokShop:AppKey in configuration.",
            "TikTok 不认识该 app_key。", "请检查配置项 TikTokShop:AppKey。"),
        new("36009004:sign", 36009004, 400, BadRequest, false, FixRequest, "Signature missing",
            "The request carried no sign parameter.",
            "This is a client bug: every API request must be signed.",
            "请求缺少 sign 参数。", "这是客户端缺陷：每个 API 请求都必须签名。"),
        new("36009004:token", 36009004, 400, BadRequest, false, CheckShopBinding, "Invalid access token header",
            "The x-tts-access-token header is missing or malformed.",
            "Check that the shop's access token is stored and sent in the x-tts-access-token header.",
            "请求头 x-tts-access-token 缺失或格式错误。", "请确认已保存店铺的访问令牌，并放在 x-tts-access-token 请求头中发送。"),
        new("36009004:shop_id", 36009004, 400, BadRequest, false, FixRequest, "Invalid shop_id",
            "The shop identifier in the request is not valid.",
            "Re-read the authorized shops and use their ids.",
            "请求中的店铺 ID 无效。", "请重新获取已授权店铺并使用其 ID。"),
        new("36009004:version", 36009004, 400, BadRequest, false, FixRequest, "Invalid API version",
            "The version segment of the path is not valid for this API.",
            "Use the version the contract names for this path.",
            "路径中的版本号对该接口无效。", "请使用接口约定中的版本号。"),
        new("36009004:param", 36009004, 400, BadRequest, false, FixRequest, "Required body parameter missing",
            "A required parameter of the request body is missing or invalid.",
            "Fix the request parameters; do not retry unchanged.",
            "请求体缺少必填参数或参数无效。", "请修正请求参数；不要原样重试。"),
        new("36009009", 36009009, 404, NotFound, false, FixRequest, "Invalid path",
            "The API path does not exist.",
            "Check the path and version against the contract.",
            "接口路径不存在。", "请对照接口约定检查路径和版本。"),
        new("36009010", 36009010, 405, NotFound, false, FixRequest, "Invalid method",
            "The HTTP method is not allowed for this path.",
            "Use the method the contract names for this path.",
            "该路径不允许此 HTTP 方法。", "请使用接口约定中的 HTTP 方法。"),
        new("36009014", 36009014, 400, BadRequest, false, FixRequest, "Invalid version",
            "The API version is not valid.",
            "Use the version the contract names for this path.",
            "接口版本无效。", "请使用接口约定中的版本。"),
        new("36009033", 36009033, 403, Permission, false, AllowListIp, "IP not in allow list",
            "The calling server's IP address is not in the app's IP allow list.",
            "Add the egress IP of OpenClaw to the app's allow list in Partner Center.",
            "调用方服务器 IP 不在应用的 IP 白名单中。", "请在 Partner Center 将 OpenClaw 的出口 IP 加入应用白名单。"),
        new("36009043", 36009043, 401, Permission, false, MarkShopDeactivated, "Shop deactivated",
            "TikTok deactivated this shop.",
            "OpenClaw marks the shop deactivated and alerts; the seller must contact TikTok.",
            "TikTok 已停用该店铺。", "OpenClaw 会将店铺标记为已停用并告警；卖家需联系 TikTok。"),
        new("36009044", 36009044, 401, Permission, false, MarkShopDeactivated, "Seller deactivated",
            "TikTok deactivated the seller account.",
            "OpenClaw marks the shop deactivated and alerts; the seller must contact TikTok.",
            "TikTok 已停用该卖家账号。", "OpenClaw 会将店铺标记为已停用并告警；卖家需联系 TikTok。"),
        new("12052180", 12052180, 400, BadRequest, false, NarrowTimeWindow, "Product search beyond 10,000 results",
            "Product search can only page through the first 10,000 results.",
            "Split the search into smaller update_time windows.",
            "商品搜索最多只能翻页到前 10,000 条结果。", "请把查询拆成更小的 update_time 时间窗口。"),
        new("21008111", 21008111, 400, BadRequest, false, SkipAndRecord, "Order does not belong to the seller",
            "The order id is not one of this seller's orders.",
            "Skip the order and check where the id came from.",
            "该订单不属于此卖家。", "请跳过该订单并检查订单 ID 的来源。"),
        new("25001001", 25001001, 400, BadRequest, false, FixRequest, "Return/refund invalid parameter",
            "A parameter of the return/refund search is invalid (e.g. page_size outside 10–50).",
            "Fix the parameters; do not retry unchanged.",
            "退货/退款查询参数无效（例如 page_size 不在 10–50 之间）。", "请修正参数；不要原样重试。"),
        new("36004004", 36004004, null, ErrorCategory.Auth, false, Reauthorize, "Invalid authorization code",
            "The authorization code is wrong, already used, or older than 30 minutes.",
            "Ask the seller to go through the authorization link again.",
            "授权码错误、已被使用或已超过 30 分钟。", "请让卖家重新通过授权链接授权。"),
        new("36004001", 36004001, null, ErrorCategory.Auth, false, Reauthorize, "Refresh token expired",
            "The refresh token has expired: the authorization period the seller chose is over.",
            "The seller must authorize the app again.",
            "刷新令牌（refresh token）已过期：卖家选择的授权期限已结束。", "卖家需要重新授权应用。"),
        new("36004005", 36004005, null, ErrorCategory.Auth, false, Reauthorize, "No authorization record (revoked)",
            "The seller revoked the authorization or it no longer exists.",
            "The seller must authorize the app again.",
            "卖家已撤销授权，或授权记录不存在。", "卖家需要重新授权应用。"),
        new(Keys.Http503, null, 503, Server, true, RetryWithBackoff, "Overload protection (503)",
            "TikTok answered 503: its overload protection shed the request.",
            "OpenClaw retries with backoff.",
            "TikTok 返回 503：过载保护丢弃了请求。", "OpenClaw 会退避重试。"),
        new(Keys.Http5xx, null, null, Server, true, RetryWithBackoff, "Server error without a code",
            "TikTok answered with a 5xx status and no usable error code.",
            "OpenClaw retries with backoff; if it persists, check TikTok's status page.",
            "TikTok 返回 5xx 状态且没有可用的错误码。", "OpenClaw 会退避重试；若持续出现，请查看 TikTok 状态页。"),
        new(Keys.Http429, null, 429, RateLimit, true, BackOffAndReportToBudget, "HTTP 429 without a code",
            "TikTok answered 429 (too many requests) without an error code.",
            "OpenClaw slows this shop's calls down and retries.",
            "TikTok 返回 429（请求过多），但没有错误码。", "OpenClaw 会降低该店铺的调用速度并重试。"),
        new(Keys.Http4xx, null, null, BadRequest, false, FixRequest, "Client error without a known code",
            "TikTok rejected the request with a 4xx status and no known error code.",
            "Check the request against the contract; do not retry unchanged.",
            "TikTok 以 4xx 状态拒绝了请求，且没有已知错误码。", "请对照接口约定检查请求；不要原样重试。"),
        new(Keys.UnknownCode, null, null, BadRequest, false, FixRequest, "Unknown error code",
            "TikTok returned an error code this catalogue does not know yet.",
            "Look the code up in TikTok's documentation and add it to the catalogue.",
            "TikTok 返回了本目录中尚未收录的错误码。", "请在 TikTok 文档中查找该错误码并补充到目录。"),
        new(Keys.Network, null, null, Network, true, RetryWithBackoff, "Network failure",
            "OpenClaw could not reach TikTok (connection refused or reset, DNS or TLS failure).",
            "OpenClaw retries with backoff; check outbound connectivity if it persists.",
            "OpenClaw 无法连接 TikTok（连接被拒绝或重置、DNS 或 TLS 失败）。", "OpenClaw 会退避重试；若持续出现，请检查出站网络。"),
        new(Keys.Timeout, null, null, Network, true, RetryWithBackoff, "Timeout",
            "TikTok did not answer within the per-attempt timeout.",
            "OpenClaw retries with backoff; raise TikTokShop:AttemptTimeout only if answers are legitimately slow.",
            "TikTok 未在单次请求超时时间内响应。", "OpenClaw 会退避重试；仅当响应确实较慢时才调大 TikTokShop:AttemptTimeout。"),
        new(Keys.CircuitOpen, null, null, Network, true, RetryWithBackoff, "Circuit open",
            "Recent calls to this endpoint for this shop kept failing, so calls are paused briefly.",
            "Wait for the break to end; OpenClaw probes again automatically.",
            "近期该店铺对此接口的调用持续失败，调用已被短暂暂停（熔断）。", "请等待熔断结束；OpenClaw 会自动探测恢复。"),
        new(Keys.BadResponse, null, null, BadResponse, false, RetryWithBackoff, "Unusable response",
            "TikTok's answer was not a valid envelope: not JSON, truncated, wrong field types or missing fields.",
            "The call is recorded; the next sync retries it. If it persists, TikTok changed the response shape.",
            "TikTok 的响应不是有效的数据结构：不是 JSON、被截断、字段类型错误或缺少字段。", "已记录此次调用，下次同步会重试；若持续出现，说明 TikTok 更改了响应格式。"),
        new(Keys.TruncatedResponse, null, null, BadResponse, true, RetryWithBackoff, "Truncated response",
            "The connection ended before TikTok's whole answer arrived.",
            "OpenClaw retries with backoff; if it persists, check proxies or load balancers between OpenClaw and TikTok.",
            "在 TikTok 的完整响应到达之前连接就中断了（响应被截断）。", "OpenClaw 会退避重试；若持续出现，请检查 OpenClaw 与 TikTok 之间的代理或负载均衡。"),
        new(Keys.ResponseTooLarge, null, null, BadResponse, false, NarrowTimeWindow, "Response too large",
            "The response body exceeded the configured size limit.",
            "Use smaller pages or windows, or raise TikTokShop:MaxResponseBytes.",
            "响应体超过了配置的大小上限。", "请减小分页或时间窗口，或调大 TikTokShop:MaxResponseBytes。"),
    ];

    // 36009004 is overloaded; the words of the message decide (contract §4). Whole words/phrases only, case-insensitive:
    // a substring test read "consignment_id" as "sign" and "refresh_token" as the token header. "_" is a word
    // character, so "shop_cipher" never matches "cipher" and "page_token" never matches "token"; "shop cipher",
    // "shop_cipher" and "shopcipher" are the same phrase. First match wins, so the most specific come first: a named
    // common parameter (timestamp, cipher, app key, paging) before the token and sign, and generic "invalid param" last.
    private static readonly (Regex Pattern, string Key)[] ParameterCheckPhrases =
    [
        (Phrase("timestamp"), "36009004:timestamp"),
        (Phrase(@"shop[ _]?cipher|cipher"), "36009004:shop_cipher"),
        (Phrase(@"app[ _]?key"), "36009004:app_key"),
        (Phrase(@"page[ _]?token|page[ _]?size"), "36009004:param"),
        (Phrase(@"access[ _]?token|token"), "36009004:token"),
        (Phrase("sign|signature"), "36009004:sign"),
        (Phrase(@"shop[ _]?id"), "36009004:shop_id"),
        (Phrase("version"), "36009004:version"),
        (Phrase("params?|parameters?|body"), "36009004:param"),
    ];

    private static readonly FrozenDictionary<string, ErrorCatalogueEntry> ByKey =
        Entries.ToFrozenDictionary(e => e.Key, StringComparer.Ordinal);

    /// <summary>The entry for a key (see <see cref="Keys"/> or a code as text).</summary>
    public static ErrorCatalogueEntry Get(string key) => ByKey[key];

    /// <summary>True when the catalogue has an entry for <paramref name="code"/>.</summary>
    public static bool Contains(int code) => ByKey.ContainsKey(code.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Classifies a failed answer from its code (non-zero, or null when absent), HTTP status and message. The overloaded
    /// 36009004 is refined by whole words/phrases of the message, case-insensitive, most specific first (contract §4):
    /// "invalid param: consignment_id" is a parameter error, not a signature one. A rate-limit or code-less
    /// classification whose message says the token expired or is invalid is the auth problem it names
    /// (<see cref="Resolve(int?, int?, string?, IReadOnlyDictionary{string, string}?)"/>).
    /// </summary>
    public static ErrorCatalogueEntry Resolve(int? code, int? httpStatus, string? message) => Resolve(code, httpStatus, message, null);

    // Code first, then the HTTP status (the contract's table); the message only refines 36009004.
    private static ErrorCatalogueEntry ResolveByCode(int? code, int? httpStatus, string? message)
    {
        if (code is { } c && c != 0)
        {
            var key = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (key == ParameterCheckCode)
            {
                return ByKey[KeyForParameterCheck(message)];
            }

            if (ByKey.TryGetValue(key, out var entry))
            {
                return entry;
            }

            return httpStatus switch
            {
                429 => ByKey[Keys.Http429],
                >= 500 => ByKey[Keys.Http5xx],
                _ => ByKey[Keys.UnknownCode],
            };
        }

        return httpStatus switch
        {
            429 => ByKey[Keys.Http429],
            503 => ByKey[Keys.Http503],
            >= 500 => ByKey[Keys.Http5xx],
            404 => ByKey["36009009"],
            405 => ByKey["36009010"],
            >= 400 => ByKey[Keys.Http4xx],
            _ => ByKey[Keys.BadResponse],
        };
    }

    private static string KeyForParameterCheck(string? message)
    {
        if (!string.IsNullOrEmpty(message))
        {
            foreach (var (pattern, key) in ParameterCheckPhrases)
            {
                if (pattern.IsMatch(message))
                {
                    return key;
                }
            }
        }

        return ParameterCheckCode;
    }

    // \b…\b around literal alternatives: matching is linear in the message (capped at 500 characters by EnvelopeReader),
    // so no timeout is needed, and an explicit infinite one keeps a process-wide default from throwing out of Resolve.
    private static Regex Phrase(string alternatives) => new(@"\b(?:" + alternatives + @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Regex.InfiniteMatchTimeout);
}
