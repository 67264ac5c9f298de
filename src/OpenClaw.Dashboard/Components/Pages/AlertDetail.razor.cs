using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using OpenClaw.Dashboard.Api;
using OpenClaw.Dashboard.Live;
using OpenClaw.Dashboard.Model;
using OpenClaw.Dashboard.Zones;

namespace OpenClaw.Dashboard.Components.Pages;

/// <summary>
/// One alert at <c>/shops/{shop_id}/alerts/{fingerprint}</c> (the link in chat messages): what fired with its value,
/// since when, its audit trail, acknowledge and silence; reloads live. An alert of another shop is "not found".
/// </summary>
public sealed partial class AlertDetail : IDisposable
{
    private ApiResult<AlertItem>? alert;
    private ApiResult<ShopDetail>? shop;
    private LiveRefresh? refresh;

    /// <summary>The shop from the route.</summary>
    [Parameter]
    public string ShopId { get; set; } = "";

    /// <summary>The alert's fingerprint from the route.</summary>
    [Parameter]
    public string Fingerprint { get; set; } = "";

    [Inject] private IOpenClawApi Api { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IOptions<DashboardOptions> Options { get; set; } = default!;
    [Inject] private DisplayTimeZone Zone { get; set; } = default!;
    [Inject] private IStringLocalizer<Resources.Alerts> Loc { get; set; } = default!;
    [Inject] private IStringLocalizer<Resources.Common> Common { get; set; } = default!;

    private bool NotFound =>
        alert is { Outcome: ApiOutcome.NotFound } || (alert?.Value is { } a && !string.Equals(a.ShopId, ShopId, StringComparison.Ordinal));

    // Shop-local means this alert's shop's zone.
    private TimeZoneInfo Shown => Zone.For(shop?.Value?.Settings?.TimeZone);

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        shop = await Api.GetShopAsync(ShopId, CancellationToken.None);
        await LoadAsync(CancellationToken.None);
        refresh ??= new LiveRefresh(Options.Value.RefreshInterval, Time, ct => InvokeAsync(async () =>
        {
            await LoadAsync(ct);
            StateHasChanged();
        }));
    }

    private async Task LoadAsync(CancellationToken ct) => alert = await Api.GetAlertAsync(Fingerprint, ct);

    private Task ReloadAsync() => LoadAsync(CancellationToken.None);

    /// <inheritdoc />
    public void Dispose() => refresh?.Dispose();
}
