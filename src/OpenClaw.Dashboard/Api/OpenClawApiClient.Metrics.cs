using OpenClaw.Dashboard.Model;

namespace OpenClaw.Dashboard.Api;

public sealed partial class OpenClawApiClient
{
    /// <inheritdoc />
    public Task<ApiResult<OverviewMetrics>> GetOverviewAsync(DayRange days, CancellationToken cancellationToken) =>
        GetAsync<OverviewMetrics>($"/api/v1/metrics/overview?{days.Query}", cancellationToken);

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
