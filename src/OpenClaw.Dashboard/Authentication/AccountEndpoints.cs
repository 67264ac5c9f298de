using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using OpenClaw.Dashboard.Api;

namespace OpenClaw.Dashboard.Authentication;

/// <summary>
/// Plain HTTP endpoints around the pages: sign-in (validates the key against the API, then stores it in the encrypted
/// cookie), sign-out, session expiry, the language switch (cookie <c>.AspNetCore.Culture</c>) and the time-zone switch
/// (cookie <c>.OpenClaw.TimeZone</c>). Cookies can only be
/// set on an HTTP response, never from an interactive circuit.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>The sign-in page.</summary>
    public const string SignInPath = "/signin";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/signin", SignInAsync);
        app.MapPost("/account/signout", (Delegate)SignOutAsync);
        app.MapGet("/" + SessionExpiry.ExpiredPath, (Delegate)ExpiredAsync);
        app.MapGet("/culture/set", SetCulture);
        app.MapGet("/timezone/set", SetTimeZone);
        return app;
    }

    private static async Task<IResult> SignInAsync(
        [FromForm(Name = "key")] string? key, [FromForm(Name = "return_url")] string? returnUrl, HttpContext context, IOpenClawApi api, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return Results.LocalRedirect(SignInPath + "?error=empty");
        }

        var valid = await api.ValidateKeyAsync(key.Trim(), cancellationToken);
        if (!valid.IsOk)
        {
            return Results.LocalRedirect(SignInPath + "?error=unavailable");
        }

        if (!valid.Value)
        {
            return Results.LocalRedirect(SignInPath + "?error=invalid");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "operator"), new Claim(SignedInApiKey.ClaimType, key.Trim())],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(LocalOrRoot(returnUrl));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect(SignInPath);
    }

    private static async Task<IResult> ExpiredAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect(SignInPath + "?error=expired");
    }

    private static IResult SetCulture(string? culture, [FromQuery(Name = "redirect_uri")] string? redirectUri, HttpContext context)
    {
        if (culture is not null && DashboardCultures.Supported.Contains(culture, StringComparer.OrdinalIgnoreCase))
        {
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = context.Request.IsHttps });
        }

        return Results.LocalRedirect(LocalOrRoot(redirectUri));
    }

    private static IResult SetTimeZone(string? zone, [FromQuery(Name = "redirect_uri")] string? redirectUri, HttpContext context)
    {
        context.Response.Cookies.Append(
            Zones.DisplayTimeZone.CookieName, Zones.DisplayTimeZone.Normalize(zone) ?? Zones.DisplayTimeZone.ShopLocal,
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = context.Request.IsHttps });
        return Results.LocalRedirect(LocalOrRoot(redirectUri));
    }

    /// <summary>A local path to go back to; anything else (another host, <c>//evil</c>, <c>/\evil</c>) becomes <c>/</c>.</summary>
    public static string LocalOrRoot(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
