using Microsoft.AspNetCore.Http.HttpResults;
using OpenClaw.Api.Audit;
using OpenClaw.Api.Model;
using OpenClaw.Api.Shops;
using OpenClaw.Grains.Tenants;

namespace OpenClaw.Api.Apis;

/// <summary><c>/api/v1/oauth/callback</c>: where TikTok returns the seller after the consent page (no API key: the signed state names the tenant).</summary>
public static class OAuthApi
{
    /// <summary>The value of <c>error</c> when the seller refused.</summary>
    public const string SellerRefused = "auth_denied";

    /// <summary>Maps the callback.</summary>
    public static IEndpointRouteBuilder MapOAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/oauth").WithTags("OAuth").AllowAnonymous().MapGet("/callback", CallbackAsync);
        return app;
    }

    /// <summary>
    /// Verifies the state (forged, expired or replayed → 400), reports a refusal (400), else exchanges the code and
    /// connects every shop the authorization covers (TikTok's refusal → 422 with its code).
    /// </summary>
    public static async Task<Results<Ok<ConnectedShops>, ProblemHttpResult>> CallbackAsync(
        string? code, string? state, string? error, [AsParameters] ShopApiServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var (tenantId, failure) = await services.States.ConsumeAsync(state);
        switch (failure)
        {
            case OAuthStateFailure.Forged:
                return ApiProblems.BadRequest("The state is missing or was not issued by this API; start again from GET /api/v1/shops/authorize.", "state_invalid");
            case OAuthStateFailure.Expired:
                return ApiProblems.BadRequest("The consent link expired (30 minutes); start again from GET /api/v1/shops/authorize.", "state_expired");
            case OAuthStateFailure.Replayed:
                return ApiProblems.BadRequest("This consent answer was already used; start again from GET /api/v1/shops/authorize.", "state_replayed");
        }

        if (error is not null)
        {
            return error == SellerRefused
                ? ApiProblems.BadRequest("The seller refused to authorize OpenClaw on TikTok's consent page; nothing was connected.", "seller_refused")
                : ApiProblems.BadRequest($"TikTok returned an error instead of a code ({Truncate(error)}).", "authorization_failed");
        }

        if (code is not { Length: > 0 and <= TenantGrain.MaxAuthCodeLength } || code == "null")
        {
            return ApiProblems.BadRequest("The callback carries no authorization code.", "code_missing");
        }

        // Not retried: the code is single-use, so a second attempt after a lost answer could only fail.
        var shops = await services.Grains.GetGrain<ITenantGrain>(tenantId!).ConnectWithAuthCodeAsync(code);
        foreach (var shop in shops)
        {
            await services.Audit.RecordAsync(null, tenantId!, AuditActions.ShopConnected, shop.ShopId, new { shop_name = shop.ShopName, region = shop.Region });
        }

        return TypedResults.Ok(new ConnectedShops(tenantId!, [.. shops.Select(ShopResponse.From)]));
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64];
}
