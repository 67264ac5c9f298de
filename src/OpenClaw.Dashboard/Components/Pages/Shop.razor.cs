using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using OpenClaw.Dashboard.Api;
using OpenClaw.Dashboard.Live;
using OpenClaw.Dashboard.Model;

namespace OpenClaw.Dashboard.Components.Pages;

/// <summary>One shop: token, sync per domain, budget, daily charts, alerts, ops errors, reconciliation and actions; reloads live.</summary>
public sealed partial class Shop : IDisposable
{
    private LiveRefresh? refresh;
    private ApiResult<ShopDetail>? detail;
    private ApiResult<ShopHealth>? health;
    private ApiResult<ShopDailyMetrics>? metrics;
    private ApiResult<IReadOnlyList<AlertItem>>? alerts;
    private ApiResult<ListPage<OpsErrorItem>>? errors;
    private ApiResult<Reconciliation>? reconciliation;

    /// <summary>The TikTok shop id from the route.</summary>
    [Parameter]
    public string ShopId { get; set; } = "";

    [Inject] private IOpenClawApi Api { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IOptions<DashboardOptions> Options { get; set; } = default!;
    [Inject] private IStringLocalizer<Resources.Shop> Loc { get; set; } = default!;
    [Inject] private IStringLocalizer<Resources.Common> Common { get; set; } = default!;
    [Inject] private Zones.DisplayTimeZone Zone { get; set; } = default!;

    // Shop-local means this shop's own zone here.
    private TimeZoneInfo Shown => Zone.For(detail?.Value?.Settings?.TimeZone);

    // Diagnosis and fix come in both languages: show the UI's.
    private static bool Chinese => DashboardCultures.ApiLanguage(System.Globalization.CultureInfo.CurrentUICulture) == "zh-CN";

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync(CancellationToken.None);
        refresh ??= new LiveRefresh(Options.Value.RefreshInterval, Time, ct => InvokeAsync(async () =>
        {
            await LoadAsync(ct);
            StateHasChanged();
        }));
    }

    // The shop's own zone (from the previous answer) decides "today" when the operator reads shop-local.
    private async Task LoadAsync(CancellationToken ct)
    {
        var to = Zone.Today(Time, detail?.Value?.Settings?.TimeZone);
        var days = new DayRange(to.AddDays(-29), to, Zone.Id);
        var detailTask = Api.GetShopAsync(ShopId, ct);
        var healthTask = Api.GetShopHealthAsync(ShopId, ct);
        var metricsTask = Api.GetShopMetricsAsync(ShopId, days, ct);
        var alertsTask = Api.ListAlertsAsync("firing", ShopId, ct);
        var errorsTask = Api.ListOpsErrorsAsync(new OpsErrorFilter(null, null, null, ShopId, null, null, null), null, ct);
        var reconciliationTask = Api.GetReconciliationAsync(ShopId, days, ct);
        detail = await detailTask;
        health = await healthTask;
        metrics = await metricsTask;
        alerts = await alertsTask;
        errors = await errorsTask;
        reconciliation = await reconciliationTask;
    }

    private Task ReloadAsync() => LoadAsync(CancellationToken.None);

    /// <inheritdoc />
    public void Dispose() => refresh?.Dispose();
}
