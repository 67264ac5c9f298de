using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.FluentUI.AspNetCore.Components;

namespace OpenClaw.Dashboard.Tests;

/// <summary>bUnit with what the dashboard's pages need: Fluent UI, the .resx localizers, options and a test API.</summary>
public abstract class DashboardBunitContext : BunitContext
{
    /// <summary>"Now" for every page: 2026-11-30 12:00 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    protected DashboardBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddFluentUIComponents();
        Services.AddLocalization();
        Services.AddSingleton<IOpenClawApi>(Api);
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        Services.AddSingleton(Options.Create(new DashboardOptions { RefreshInterval = TimeSpan.FromHours(1) }));
        Services.AddSingleton(Zone);
        UseCulture("en");
    }

    /// <summary>The operator's time zone (shop-local until a test sets one).</summary>
    protected Zones.DisplayTimeZone Zone { get; } = new();

    /// <summary>The API the pages talk to.</summary>
    protected TestOpenClawApi Api { get; } = new();

    /// <summary>Renders as if the operator chose <paramref name="culture"/> (<c>en</c> or <c>zh-Hans</c>).</summary>
    protected static void UseCulture(string culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
    }

    /// <summary>Moves to <paramref name="relativeUri"/> (query string filters) before a page renders.</summary>
    protected void NavigateTo(string relativeUri) => Services.GetRequiredService<NavigationManager>().NavigateTo(relativeUri);
}
