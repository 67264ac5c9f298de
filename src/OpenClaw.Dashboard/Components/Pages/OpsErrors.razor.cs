using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using OpenClaw.Dashboard.Api;
using OpenClaw.Dashboard.Components.Controls;
using OpenClaw.Dashboard.Model;

namespace OpenClaw.Dashboard.Components.Pages;

/// <summary>Failed TikTok calls: the API's filters (in the query string), counts by code/endpoint/shop/status, detail with diagnosis and fix in the UI language.</summary>
public sealed partial class OpsErrors
{
    private static readonly string[] Groupings = ["code", "endpoint", "shop", "httpStatus"];
    private readonly List<OpsErrorItem> items = [];
    private ApiResult<ListPage<OpsErrorItem>>? errors;
    private ApiResult<IReadOnlyList<OpsErrorCount>>? counts;
    private FilterDraft draft = new();

    [Inject] private IOpenClawApi Api { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IStringLocalizer<Resources.OpsErrors> Loc { get; set; } = default!;
    [Inject] private IStringLocalizer<Resources.Common> Common { get; set; } = default!;
    [Inject] private Zones.DisplayTimeZone Zone { get; set; } = default!;

    private TimeZoneInfo Shown => Zone.For();

    [SupplyParameterFromQuery(Name = "code")] private string? Code { get; set; }
    [SupplyParameterFromQuery(Name = "http_status")] private int? HttpStatus { get; set; }
    [SupplyParameterFromQuery(Name = "endpoint")] private string? Endpoint { get; set; }
    [SupplyParameterFromQuery(Name = "shop_id")] private string? ShopId { get; set; }
    [SupplyParameterFromQuery(Name = "from")] private string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] private string? To { get; set; }
    [SupplyParameterFromQuery(Name = "min_retries")] private int? MinRetries { get; set; }
    [SupplyParameterFromQuery(Name = "by")] private string? ByParameter { get; set; }

    private string By => ByParameter is not null && Groupings.Contains(ByParameter) ? ByParameter : "code";
    private static string Language => DashboardCultures.ApiLanguage(CultureInfo.CurrentUICulture);
    private static bool Chinese => Language == "zh-CN";

    private OpsErrorFilter Filter => new(Code, HttpStatus, Endpoint, ShopId, Day(From), Day(To), MinRetries);

    private string ExportUrl => ExportEndpoints.OpsErrorsExportUrl(Filter, Language);

    private string GroupName => GroupOptions.FirstOrDefault(o => o.Key == By).Value ?? Loc[nameof(Resources.OpsErrors.ByCode)];

    private IEnumerable<KeyValuePair<string, string>> GroupOptions =>
    [
        KeyValuePair.Create("endpoint", Loc[nameof(Resources.OpsErrors.ByEndpoint)].Value),
        KeyValuePair.Create("shop", Loc[nameof(Resources.OpsErrors.ByShop)].Value),
        KeyValuePair.Create("httpStatus", Loc[nameof(Resources.OpsErrors.ByHttpStatus)].Value),
    ];

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        draft = new FilterDraft { Code = Code, HttpStatus = HttpStatus, Endpoint = Endpoint, ShopId = ShopId, From = Day(From), To = Day(To), MinRetries = MinRetries };
        items.Clear();
        var countsTask = Api.SummarizeOpsErrorsAsync(By, Filter, CancellationToken.None);
        await LoadAsync(null);
        counts = await countsTask;
    }

    private async Task LoadAsync(string? cursor)
    {
        errors = await Api.ListOpsErrorsAsync(Filter, cursor, CancellationToken.None);
        items.AddRange(errors.Value?.Items ?? []);
    }

    private void Apply() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["code"] = Blank(draft.Code), ["http_status"] = draft.HttpStatus, ["endpoint"] = Blank(draft.Endpoint), ["shop_id"] = Blank(draft.ShopId),
        ["from"] = draft.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["to"] = draft.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["min_retries"] = draft.MinRetries,
    }));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private sealed class FilterDraft
    {
        public string? Code { get; set; }
        public int? HttpStatus { get; set; }
        public string? Endpoint { get; set; }
        public string? ShopId { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public int? MinRetries { get; set; }
    }
}
