using Microsoft.AspNetCore.Mvc;
using OpenClaw.Dashboard.Model;

namespace OpenClaw.Dashboard.Api;

/// <summary>
/// CSV download links. The browser never holds the API key, so the dashboard fetches the API's export with the
/// signed-in key and streams it through unchanged.
/// </summary>
public static class ExportEndpoints
{
    /// <summary>Maps <c>/export/compare.csv</c> and <c>/export/ops-errors.csv</c> (signed-in operators only).</summary>
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/export").RequireAuthorization();
        group.MapGet("/compare.csv", (string? by, string? from, string? to, [FromQuery(Name = "time_zone")] string? timeZone, HttpContext context, IOpenClawApi api) =>
            ProxyAsync(context, api, $"/api/v1/metrics/compare.csv?by={Escape(by)}&from={Escape(from)}&to={Escape(to)}"
                + (Zones.DisplayTimeZone.Normalize(timeZone) is { } zone ? "&time_zone=" + Escape(zone) : ""), "compare.csv"));
        group.MapGet("/ops-errors.csv", (HttpContext context, IOpenClawApi api) =>
            ProxyAsync(context, api, "/api/v1/ops-errors/export.csv?" + OpsErrorsQuery(context.Request.Query), "ops-errors.csv"));
        return app;
    }

    private static string OpsErrorsQuery(IQueryCollection query)
    {
        var filter = new OpsErrorFilter(query["code"], int.TryParse(query["http_status"], out var status) ? status : null, query["endpoint"],
            query["shop_id"], DateOnly.TryParse(query["from"], out var from) ? from : null, DateOnly.TryParse(query["to"], out var to) ? to : null,
            int.TryParse(query["min_retries"], out var retries) ? retries : null);
        var language = query["lang"] == "zh-CN" ? "zh-CN" : "en";
        return ("lang=" + language + OpenClawApiClient.OpsErrorQuery(filter)).TrimEnd('&');
    }

    /// <summary>
    /// The dashboard's export link for <paramref name="filter"/>: the page's own parameter names (<c>http_status</c>,
    /// <c>shop_id</c>, <c>min_retries</c>, days as <c>yyyy-MM-dd</c>), which the export endpoint turns into the API's.
    /// </summary>
    public static string OpsErrorsExportUrl(OpsErrorFilter filter, string language)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new System.Text.StringBuilder("export/ops-errors.csv?lang=").Append(Uri.EscapeDataString(language));
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value.Trim()));
            }
        }

        Add("code", filter.Code);
        Add("http_status", filter.HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("endpoint", filter.Endpoint);
        Add("shop_id", filter.ShopId);
        Add("from", filter.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", filter.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("min_retries", filter.MinRetries?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return query.ToString();
    }

    private static string Escape(string? value) => Uri.EscapeDataString(value ?? "");

    private static async Task ProxyAsync(HttpContext context, IOpenClawApi api, string pathAndQuery, string fileName)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var result = await api.CopyCsvAsync(pathAndQuery, context.Response.Body, context.RequestAborted);
        if (!result.IsOk && !context.Response.HasStarted)
        {
            context.Response.Headers.ContentDisposition = default;
            context.Response.StatusCode = result.Outcome switch
            {
                ApiOutcome.Unauthorized => StatusCodes.Status401Unauthorized,
                ApiOutcome.NotFound or ApiOutcome.Unavailable => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status502BadGateway,
            };
        }
    }
}
