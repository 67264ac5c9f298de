using OpenClaw.Dashboard.Model;

namespace OpenClaw.Dashboard.Api;

public sealed partial class OpenClawApiClient
{
    /// <summary>Shops per overview page asked for: the API's largest, so up to 1,000 shops take one request.</summary>
    public const int OverviewPageSize = 1000;

    /// <inheritdoc />
    public async Task<ApiResult<OverviewMetrics>> GetOverviewAsync(DayRange days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(days);
        OverviewMetrics? first = null;
        var shops = new List<ShopMetrics>();
        string? cursor = null;
        do
        {
            var path = $"/api/v1/metrics/overview?{days.Query}&limit={OverviewPageSize}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await GetAsync<OverviewMetrics>(path, cancellationToken).ConfigureAwait(false);
            if (!page.IsOk)
            {
                return page;
            }

            first ??= page.Value!;
            shops.AddRange(page.Value!.Shops);
            cursor = page.Value.NextCursor;
        }
        while (cursor is not null);

        return ApiResults.Success(first with { Shops = shops, NextCursor = null });
    }

    /// <inheritdoc />
    public Task<ApiResult<ShopDailyMetrics>> GetShopMetricsAsync(string shopId, DayRange days, CancellationToken cancellationToken) =>
        GetAsync<ShopDailyMetrics>($"/api/v1/shops/{Uri.EscapeDataString(shopId)}/metrics?{days.Query}", cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<ShopHealth>> GetShopHealthAsync(string shopId, CancellationToken cancellationToken) =>
        GetAsync<ShopHealth>($"/api/v1/shops/{Uri.EscapeDataString(shopId)}/health", cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<Reconciliation>> GetReconciliationAsync(string shopId, DayRange days, CancellationToken cancellationToken) =>
        GetAsync<Reconciliation>($"/api/v1/shops/{Uri.EscapeDataString(shopId)}/reconciliation?{days.Query}", cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<CompareResult>> CompareAsync(string by, DayRange days, CancellationToken cancellationToken) =>
        GetAsync<CompareResult>($"/api/v1/metrics/compare?by={Uri.EscapeDataString(by)}&{days.Query}", cancellationToken);

    /// <inheritdoc />
    public async Task<ApiResult<bool>> CopyCsvAsync(string pathAndQuery, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        // Only the API's own CSV exports: the proxy never becomes a way to reach another host or path.
        if (!pathAndQuery.StartsWith("/api/v1/", StringComparison.Ordinal) || pathAndQuery.Contains("//", StringComparison.Ordinal)
            || !PathOnly(pathAndQuery).EndsWith(".csv", StringComparison.Ordinal))
        {
            return ApiResults.Fail<bool>(ApiOutcome.Failed, "not a CSV export path");
        }

        return await SendAsync(HttpMethod.Get, pathAndQuery, null, async (response, ct) =>
        {
            await response.Content.CopyToAsync(destination, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }
}
