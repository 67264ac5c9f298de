using OpenClaw.Dashboard.Api;
using OpenClaw.Dashboard.Authentication;
using OpenClaw.Dashboard.Components;
using OpenClaw.Dashboard.Extensions;

namespace OpenClaw.Dashboard;

/// <summary>Builds the dashboard host; tests create it in-process on a free port, like the API.</summary>
public static class DashboardApp
{
    /// <summary>Creates the application from command-line style arguments (<c>--urls</c>, <c>--Dashboard:ApiBaseUrl=…</c>).</summary>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddDashboardServices();

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseRequestLocalization(o => o
            .SetDefaultCulture(DashboardCultures.English)
            .AddSupportedCultures([.. DashboardCultures.Supported])
            .AddSupportedUICultures([.. DashboardCultures.Supported]));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapDefaultEndpoints();
        app.MapStaticAssets();
        app.MapAccountEndpoints();
        app.MapExportEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
