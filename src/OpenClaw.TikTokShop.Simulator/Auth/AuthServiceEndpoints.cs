using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Simulator.Api;
using OpenClaw.TikTokShop.Simulator.Clock;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Hosting;

namespace OpenClaw.TikTokShop.Simulator.Auth;

/// <summary>The auth service: <c>/api/v2/token/get</c> and <c>/api/v2/token/refresh</c> (unsigned; app key + secret in the query).</summary>
public static class AuthServiceEndpoints
{
    /// <summary>Maps the token endpoints.</summary>
    public static IEndpointRouteBuilder MapAuthService(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/token/get", (HttpContext http, AuthorizationStore store, ShopDirectory shops, IOptions<SimulatorSettings> settings, SimulatedClock clock) =>
            RespondAsync(http, clock, () =>
            {
                CheckApp(http.Request, settings.Value);
                if (http.Request.Query["grant_type"] != "authorized_code")
                {
                    throw new ApiException("invalid grant_type: authorized_code expected");
                }

                return Describe(store.Exchange(http.Request.Query["auth_code"].ToString()), shops);
            }));
        app.MapGet("/api/v2/token/refresh", (HttpContext http, AuthorizationStore store, ShopDirectory shops, IOptions<SimulatorSettings> settings, SimulatedClock clock) =>
            RespondAsync(http, clock, () =>
            {
                CheckApp(http.Request, settings.Value);
                if (http.Request.Query["grant_type"] != "refresh_token")
                {
                    throw new ApiException("invalid grant_type: refresh_token expected");
                }

                return Describe(store.Refresh(http.Request.Query["refresh_token"].ToString()), shops);
            }));
        return app;
    }

    private static async Task RespondAsync(HttpContext http, SimulatedClock clock, Func<object> produce)
    {
        try
        {
            var data = produce();
            await Envelope.WriteSuccessAsync(http, data, clock.RealNow).ConfigureAwait(false);
        }
        catch (ApiException ex)
        {
            await Envelope.WriteErrorAsync(http, ex.Error, clock.RealNow).ConfigureAwait(false);
        }
    }

    private static void CheckApp(HttpRequest request, SimulatorSettings settings)
    {
        if (request.Query["app_key"] != settings.AppKey || request.Query["app_secret"] != settings.AppSecret)
        {
            throw new ApiException("invalid app_key or app_secret");
        }
    }

    private static object Describe(TokenPair pair, ShopDirectory shops)
    {
        var shop = shops.All[pair.Grant.ShopIndex];
        return new
        {
            pair.AccessToken,
            AccessTokenExpireIn = pair.AccessExpiresAt,
            pair.RefreshToken,
            RefreshTokenExpireIn = pair.RefreshExpiresAt,
            shop.OpenId,
            SellerName = shop.Name,
            SellerBaseRegion = shop.Region.Code,
            UserType = 0,
            GrantedScopes = pair.Grant.Scopes,
        };
    }
}
