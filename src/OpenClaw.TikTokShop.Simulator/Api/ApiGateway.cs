using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Simulator.Auth;
using OpenClaw.TikTokShop.Simulator.Clock;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Faults;
using OpenClaw.TikTokShop.Simulator.Hosting;
using OpenClaw.TikTokShop.Simulator.RateLimits;

namespace OpenClaw.TikTokShop.Simulator.Api;

/// <summary>
/// Serves every signed TikTok API path: route lookup (36009009/36009010/36009014), per-app bucket, app key, signature
/// and timestamp window, daily quota, access token, shop_cipher rules, scope, per-shop bucket, then the operation.
/// Checks run in the order a client would meet them on the real gateway (docs/simulator.md lists them).
/// </summary>
public sealed partial class ApiGateway
{
    private const long PastWindowSeconds = 300;
    private const long FutureWindowSeconds = 30;

    private readonly IReadOnlyList<ApiRoute> _routes;
    private readonly SimulatorSettings _settings;
    private readonly SimulatedClock _clock;
    private readonly AuthorizationStore _auth;
    private readonly ShopDirectory _shops;
    private readonly RequestBudget _budget;
    private readonly DailyQuota _quota;
    private readonly ILogger<ApiGateway> _log;

    /// <summary>Creates the gateway over every registered endpoint group.</summary>
    public ApiGateway(IEnumerable<IApiEndpoints> endpoints, IOptions<SimulatorSettings> settings, SimulatedClock clock, AuthorizationStore auth,
        ShopDirectory shops, RequestBudget budget, DailyQuota quota, ILogger<ApiGateway> log)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(settings);
        _routes = endpoints.SelectMany(e => e.Routes).ToList();
        _settings = settings.Value;
        _clock = clock;
        _auth = auth;
        _shops = shops;
        _budget = budget;
        _quota = quota;
        _log = log;
    }

    /// <summary>Handles one request and writes the envelope.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var route = Resolve(context.Request, out var routeValues);
            var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            var grant = Authenticate(context.Request, body);
            var shop = ResolveShop(context.Request, route, grant);
            if (!grant.Scopes.Contains(route.Scope))
            {
                throw new ApiException(ApiError.Of(ErrorCodes.ScopeMissing, $"apply auth pkg for this api: {route.Scope}"));
            }

            if (!_budget.TryTakeShop(shop.Index))
            {
                throw new ApiException(ApiError.Of(ErrorCodes.TooManyRequests, "too many requests"));
            }

            var call = new ApiCall(context, grant, shop, routeValues, ParseJson(body, context.Request), _clock.NowUnix,
                context.Items[FaultMiddleware.PageFaultKey] as string);
            var data = route.Handle(call);
            await Envelope.WriteSuccessAsync(context, data, _clock.RealNow).ConfigureAwait(false);
        }
        catch (ApiException ex)
        {
            await Envelope.WriteErrorAsync(context, ex.Error, _clock.RealNow).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !context.Response.HasStarted)
        {
            // A simulator bug still answers like TikTok's internal error, so clients exercise their retry path.
            LogUnexpected(_log, ex, context.Request.Path.Value ?? "");
            await Envelope.WriteErrorAsync(context, ApiError.Of(ErrorCodes.InternalError, "internal error, retry later"), _clock.RealNow).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure serving {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);

    private ApiRoute Resolve(HttpRequest request, out Dictionary<string, string> values)
    {
        var segments = request.Path.Value!.Trim('/').Split('/');
        var pathMatches = new List<ApiRoute>();
        foreach (var route in _routes)
        {
            if (route.TryMatch(segments, out var captured))
            {
                if (string.Equals(route.Method, request.Method, StringComparison.OrdinalIgnoreCase))
                {
                    values = captured;
                    return route;
                }

                pathMatches.Add(route);
            }
        }

        if (pathMatches.Count > 0)
        {
            throw new ApiException(ApiError.Of(ErrorCodes.InvalidMethod, $"invalid method {request.Method}"));
        }

        if (_routes.Any(r => r.MatchesIgnoringVersion(segments)))
        {
            throw new ApiException(ApiError.Of(ErrorCodes.InvalidVersion, "invalid version"));
        }

        throw new ApiException(ApiError.Of(ErrorCodes.InvalidPath, "invalid path"));
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private Grant Authenticate(HttpRequest request, byte[] body)
    {
        if (!_budget.TryTakeApp())
        {
            throw new ApiException(ApiError.Of(ErrorCodes.TooManyRequests, "too many requests"));
        }

        var query = request.Query;
        if (query["app_key"].ToString() != _settings.AppKey)
        {
            throw new ApiException("invalid app_key");
        }

        var sign = query["sign"].ToString();
        if (string.IsNullOrEmpty(sign))
        {
            throw new ApiException("missing sign");
        }

        if (!long.TryParse(query["timestamp"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            throw new ApiException("missing or invalid timestamp: Unix seconds expected");
        }

        var realNow = _clock.RealNow.ToUnixTimeSeconds();
        if (timestamp < realNow - PastWindowSeconds || timestamp > realNow + FutureWindowSeconds)
        {
            throw new ApiException("timestamp is outside the allowed window (now - 5 min ... now + 30 s)");
        }

        var multipart = request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;
        var expected = RequestSignature.Compute(_settings.AppSecret, request.Path.Value!,
            query.Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString())), multipart ? [] : body);
        if (!RequestSignature.Matches(expected, sign))
        {
            throw new ApiException(ApiError.Of(ErrorCodes.InvalidSign, "invalid sign"));
        }

        // Only a correctly signed call of this app counts against (or is stopped by) the daily quota.
        if (_quota.Admit() is { } exhausted)
        {
            throw new ApiException(exhausted);
        }

        var token = request.Headers["x-tts-access-token"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            throw new ApiException("invalid token header: x-tts-access-token is missing");
        }

        return _auth.Validate(token);
    }

    private Shop ResolveShop(HttpRequest request, ApiRoute route, Grant grant)
    {
        var cipher = request.Query["shop_cipher"].ToString();
        if (route.Cipher == CipherRule.Forbidden)
        {
            if (cipher.Length > 0)
            {
                throw new ApiException("unexpected shop_cipher: this path does not take one");
            }

            return _shops.All[grant.ShopIndex];
        }

        if (cipher.Length == 0)
        {
            throw new ApiException(ApiError.Of(ErrorCodes.ShopCipherMissing, "shop_cipher is missing"));
        }

        var shop = _shops.ByCipher(cipher);
        if (shop is null || shop.Index != grant.ShopIndex)
        {
            throw new ApiException(ApiError.Of(ErrorCodes.InvalidAccessToken, "invalid access token: it does not match shop_cipher"));
        }

        return shop;
    }

    private static JsonElement ParseJson(byte[] body, HttpRequest request)
    {
        if (body.Length == 0 || HttpMethods.IsGet(request.Method))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ApiException("invalid request body: a JSON object is expected");
            }

            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new ApiException("invalid request body: malformed JSON");
        }
    }
}
