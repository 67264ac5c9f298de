using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.WebEncoders;
using Microsoft.Extensions.Options;
using Microsoft.FluentUI.AspNetCore.Components;
using OpenClaw.Dashboard.Api;
using OpenClaw.Dashboard.Authentication;
using OpenClaw.ServiceDefaults.Configuration;

namespace OpenClaw.Dashboard.Extensions;

/// <summary>Everything the dashboard registers (all DI here; <c>Program.cs</c> stays a few lines).</summary>
public static class DashboardServiceExtensions
{
    /// <summary>Cookie that carries the encrypted sign-in (the key among its claims).</summary>
    public const string AuthCookieName = ".OpenClaw.Dashboard";

    /// <summary>
    /// Adds Razor components (interactive server), Fluent UI, localization (.resx per area), cookie authentication with
    /// the key in a Data Protection-encrypted, HTTP-only, Secure, SameSite=Strict cookie, and the typed API client
    /// resolved through Aspire service discovery.
    /// </summary>
    public static WebApplicationBuilder AddDashboardServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedSettings<DashboardOptions>(builder.Configuration, DashboardOptions.SectionName);
        services.AddSingleton(TimeProvider.System);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddFluentUIComponents();
        services.AddLocalization();
        // Chinese shop names go out as UTF-8 text, not as &#x...; escapes.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = AccountEndpoints.SignInPath;
            o.ReturnUrlParameter = "return_url";
            o.Cookie.Name = AuthCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SlidingExpiration = true;
        });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<DashboardOptions>>((cookie, dashboard) => cookie.ExpireTimeSpan = dashboard.Value.SessionLifetime);
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();

        services.AddScoped<SignedInApiKey>();
        services.AddScoped<SessionExpiry>();
        services.AddScoped<Zones.DisplayTimeZone>();
        services.AddHttpClient<IOpenClawApi, OpenClawApiClient>((sp, http) =>
        {
            http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<DashboardOptions>>().Value.ApiBaseUrl);
            http.Timeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }
}
