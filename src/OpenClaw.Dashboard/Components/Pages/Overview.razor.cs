using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.FluentUI.AspNetCore.Components;
using OpenClaw.Dashboard.Api;
using OpenClaw.Dashboard.Components.Controls;
using OpenClaw.Dashboard.Live;
using OpenClaw.Dashboard.Model;
using OpenClaw.Dashboard.Zones;

namespace OpenClaw.Dashboard.Components.Pages;

/// <summary>
/// "Which shops need me now, and why": KPI tiles for the chosen days and every shop in a virtualized grid with health,
/// lag and trend. Filters live in the query string (shareable links); shops, KPIs and alerts reload every
/// <see cref="DashboardOptions.RefreshInterval"/> (sparklines only when the range or zone changes).
/// </summary>
public sealed partial class Overview : IDisposable
{
    private readonly GridSort<ShopRow> byName = GridSort<ShopRow>.ByAscending(r => r.Shop.ShopName);
    private readonly GridSort<ShopRow> byStatus = GridSort<ShopRow>.ByAscending(r => r.Shop.Status);
    private readonly GridSort<ShopRow> byHealth = GridSort<ShopRow>.ByDescending(r => r.Level).ThenDescending(r => r.Findings.Count);
    private readonly GridSort<ShopRow> byOrders = GridSort<ShopRow>.ByDescending(r => r.Orders);
    private readonly GridSort<ShopRow> byLag = GridSort<ShopRow>.ByDescending(r => r.Lag);
    private readonly GridSort<ShopRow> byError = GridSort<ShopRow>.ByAscending(r => r.Shop.StatusReason ?? "");
    private readonly GridSort<ShopRow> byTags = GridSort<ShopRow>.ByAscending(r => string.Join(',', r.Tags));
    private readonly CancellationTokenSource disposed = new();

    private ApiResult<IReadOnlyList<ShopListItem>>? shops;
    private ApiResult<OverviewMetrics>? metrics;
    private ApiResult<IReadOnlyList<AlertItem>>? alerts;
    private RateBudgetUsage? budget;
    private ShopTrendCache? trends;
    private List<ShopRow> rows = [];
    private List<ShopRow> filtered = [];
    private DayRange? loaded;
    private LiveRefresh? refresh;

    [Inject] private IOpenClawApi Api { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IOptions<DashboardOptions> Options { get; set; } = default!;
    [Inject] private IStringLocalizer<Resources.Overview> Loc { get; set; } = default!;
    [Inject] private IStringLocalizer<Resources.Common> Common { get; set; } = default!;
    [Inject] private DisplayTimeZone Zone { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "q")] private string? Search { get; set; }
    [SupplyParameterFromQuery(Name = "region")] private string? Region { get; set; }
    [SupplyParameterFromQuery(Name = "status")] private string? Status { get; set; }
    [SupplyParameterFromQuery(Name = "tag")] private string? Tag { get; set; }
    [SupplyParameterFromQuery(Name = "health")] private string? Health { get; set; }
    [SupplyParameterFromQuery(Name = "days")] private int? Days { get; set; }

    private int RangeDays => Days is >= 1 and <= 90 ? Days.Value : 7;
    private MetricSummary? Total => metrics?.Value?.Total;
    private string OrdersText => TextFormats.Count(Total?.Count("orders_paid") ?? 0);
    private int OpenAlerts => alerts?.Value?.Count ?? 0;
    private int NeedsReauth => rows.Count(r => r.Findings.Any(f => f.Kind == HealthReasonKind.NeedsReauthorization));
    private IEnumerable<KeyValuePair<string, string>> RegionOptions => Same(rows.Select(r => r.Shop.Region));
    private IEnumerable<KeyValuePair<string, string>> StatusOptions =>
        rows.Select(r => r.Shop.Status).Distinct().Order(StringComparer.Ordinal).Select(s => KeyValuePair.Create(s, TextFormats.Status(s, Common)));
    private IEnumerable<KeyValuePair<string, string>> TagOptions => Same(rows.SelectMany(r => r.Tags));
    private IEnumerable<KeyValuePair<string, string>> HealthOptions =>
        Enum.GetValues<HealthLevel>().Select(l => KeyValuePair.Create(l.ToString().ToLowerInvariant(), TextFormats.Health(l, Common)));

    private static IEnumerable<KeyValuePair<string, string>> Same(IEnumerable<string> values) =>
        values.Distinct().Order(StringComparer.Ordinal).Select(v => KeyValuePair.Create(v, v));

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        var today = Zone.Today(Time);
        var days = new DayRange(today.AddDays(1 - RangeDays), today, Zone.Id);
        if (loaded != days)
        {
            loaded = days;
            trends?.Dispose();
            trends = new ShopTrendCache(Api, days);
            await LoadAsync(days, disposed.Token);
            refresh ??= new LiveRefresh(Options.Value.RefreshInterval, Time, ct => InvokeAsync(async () =>
            {
                await LoadAsync(loaded ?? days, ct);
                ApplyFilter();
                StateHasChanged();
            }));
        }

        ApplyFilter();
    }

    private async Task LoadAsync(DayRange days, CancellationToken ct)
    {
        var shopsTask = Api.ListShopsAsync(Options.Value.MaxShops, ct);
        var metricsTask = Api.GetOverviewAsync(days, ct);
        var alertsTask = Api.ListAlertsAsync("firing", null, ct);
        shops = await shopsTask;
        metrics = await metricsTask;
        alerts = await alertsTask;
        var first = shops.Value is { Count: > 0 } list ? list[0] : null;
        budget = first is null ? null : (await Api.GetShopAsync(first.ShopId, ct)).Value?.Budget;

        var summaries = metrics.Value?.Shops.ToDictionary(s => s.ShopId, s => s.Summary, StringComparer.Ordinal);
        rows = [.. (shops.Value ?? []).Select(s => ShopHealthRules.Assess(s, summaries?.GetValueOrDefault(s.ShopId)))];
    }

    private void ApplyFilter() => filtered = [.. new ShopFilter(Search, Region, Status, Tag, Health).Apply(rows)];

    /// <inheritdoc />
    public void Dispose()
    {
        disposed.Cancel();
        refresh?.Dispose();
        trends?.Dispose();
        disposed.Dispose();
    }
}
