using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using OpenClaw.Dashboard.Api;
using OpenClaw.Dashboard.Components.Controls;
using OpenClaw.Dashboard.Model;

namespace OpenClaw.Dashboard.Components.Pages;

/// <summary>One metric across groups of shops (region, category, warehouse, shop) with the tenant total; state in the query string.</summary>
public sealed partial class Compare
{
    private static readonly string[] Groupings = ["region", "category", "warehouse", "shop"];
    private ApiResult<CompareResult>? result;
    private string? loaded;

    [Inject] private IOpenClawApi Api { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IStringLocalizer<Resources.Compare> Loc { get; set; } = default!;
    [Inject] private IStringLocalizer<Resources.Common> Common { get; set; } = default!;
    [Inject] private Zones.DisplayTimeZone Zone { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "metric")] private string? Metric { get; set; }
    [SupplyParameterFromQuery(Name = "by")] private string? ByParameter { get; set; }
    [SupplyParameterFromQuery(Name = "days")] private int? Days { get; set; }

    private string MetricKey => Metric is not null && CompareMetrics.Keys.Contains(Metric) ? Metric : CompareMetrics.Keys[0];
    private string By => ByParameter is not null && Groupings.Contains(ByParameter) ? ByParameter : "region";
    private int RangeDays => Days is >= 1 and <= 90 ? Days.Value : 7;
    private DateOnly LastDay => Zone.Today(Time);
    private DayRange Range => new(FirstDay, LastDay, Zone.Id);
    private DateOnly FirstDay => LastDay.AddDays(1 - RangeDays);

    private string ExportUrl => $"export/compare.csv?by={By}&{Range.Query}";

    private IEnumerable<KeyValuePair<string, string>> MetricOptions => CompareMetrics.Keys.Skip(1).Select(k => KeyValuePair.Create(k, MetricName(k)));

    private IEnumerable<KeyValuePair<string, string>> GroupOptions =>
    [
        KeyValuePair.Create("category", Loc[nameof(Resources.Compare.ByCategory)].Value),
        KeyValuePair.Create("warehouse", Loc[nameof(Resources.Compare.ByWarehouse)].Value),
        KeyValuePair.Create("shop", Loc[nameof(Resources.Compare.ByShop)].Value),
    ];

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        // The metric only changes what is drawn; grouping and days change what is asked.
        var key = $"{By}|{RangeDays}";
        if (loaded != key)
        {
            loaded = key;
            result = null;
            result = await Api.CompareAsync(By, Range, CancellationToken.None);
        }
    }

    private string MetricName(string key) => key switch
    {
        "gmv" => Common[nameof(Resources.Common.MetricGmv)],
        "refund_rate" => Common[nameof(Resources.Common.MetricRefundRate)],
        "fast_dispatch" => Common[nameof(Resources.Common.MetricFastDispatch)],
        "late_dispatch" => Common[nameof(Resources.Common.MetricLateDispatch)],
        "valid_tracking" => Common[nameof(Resources.Common.MetricValidTracking)],
        "seller_fault_cancellation" => Common[nameof(Resources.Common.MetricSellerFaultCancellation)],
        _ => Common[nameof(Resources.Common.MetricOrdersPaid)],
    };

    private static string GroupName(CompareGroup group) => string.IsNullOrEmpty(group.Name) ? group.Key : group.Name;

    private string Format(double? value) => value switch
    {
        null => Common[nameof(Resources.Common.None)],
        _ when CompareMetrics.IsRate(MetricKey) => value.Value.ToString("0.0", CultureInfo.CurrentCulture) + " %",
        _ when MetricKey == "gmv" => value.Value.ToString("N2", CultureInfo.CurrentCulture),
        _ => value.Value.ToString("N0", CultureInfo.CurrentCulture),
    };

    private IReadOnlyList<KeyValuePair<string, IReadOnlyList<double?>>> ChartSeries(CompareResult data) =>
        [.. CompareMetrics.Series(MetricKey, data).Select(series => KeyValuePair.Create(
            series ?? MetricName(MetricKey), (IReadOnlyList<double?>)[.. data.Groups.Select(g => CompareMetrics.Value(g.Summary, MetricKey, series))]))];
}
