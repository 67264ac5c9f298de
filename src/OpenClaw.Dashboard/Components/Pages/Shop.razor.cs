using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using OpenClaw.Dashboard.Api;
using OpenClaw.Dashboard.Model;

namespace OpenClaw.Dashboard.Components.Pages;

/// <summary>One shop: token, sync per domain, budget, daily charts, alerts, ops errors, reconciliation and actions.</summary>
public sealed partial class Shop
{
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
    [Inject] private IStringLocalizer<Resources.Shop> Loc { get; set; } = default!;
    [Inject] private IStringLocalizer<Resources.Common> Common { get; set; } = default!;

    // Diagnosis and fix come in both languages: show the UI's.
    private static bool Chinese => DashboardCultures.ApiLanguage(System.Globalization.CultureInfo.CurrentUICulture) == "zh-CN";

    /// <inheritdoc />
    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var ct = CancellationToken.None;
        var to = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        var from = to.AddDays(-29);
        var detailTask = Api.GetShopAsync(ShopId, ct);
        var healthTask = Api.GetShopHealthAsync(ShopId, ct);
        var metricsTask = Api.GetShopMetricsAsync(ShopId, from, to, ct);
        var alertsTask = Api.ListAlertsAsync("firing", ShopId, ct);
        var errorsTask = Api.ListOpsErrorsAsync(new OpsErrorFilter(null, null, null, ShopId, null, null, null), null, ct);
        var reconciliationTask = Api.GetReconciliationAsync(ShopId, from, to, ct);
        detail = await detailTask;
        health = await healthTask;
        metrics = await metricsTask;
        alerts = await alertsTask;
        errors = await errorsTask;
        reconciliation = await reconciliationTask;
    }
}
