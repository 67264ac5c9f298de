using System.Globalization;
using OpenClaw.Dashboard.Model;

namespace OpenClaw.Dashboard.Api;

public sealed partial class OpenClawApiClient
{
    private const int ShopPageSize = 200;

    /// <inheritdoc />
    public async Task<ApiResult<bool>> ValidateKeyAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var result = await SendAsync(HttpMethod.Get, "/api/v1/shops?limit=1", null, static (_, _) => Task.FromResult(true), cancellationToken, key: key).ConfigureAwait(false);
        return result.Outcome == ApiOutcome.Unauthorized ? ApiResults.Success<bool>(false) : result;
    }

    /// <inheritdoc />
    public async Task<ApiResult<IReadOnlyList<ShopListItem>>> ListShopsAsync(int max, CancellationToken cancellationToken)
    {
        var shops = new List<ShopListItem>();
        string? cursor = null;
        do
        {
            var path = $"/api/v1/shops?limit={ShopPageSize}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await GetAsync<ShopPage>(path, cancellationToken).ConfigureAwait(false);
            if (!page.IsOk)
            {
                return ApiResults.Fail<IReadOnlyList<ShopListItem>>(page.Outcome, page.Problem);
            }

            shops.AddRange(page.Value!.Items);
            cursor = page.Value.NextCursor;
        }
        while (cursor is not null && shops.Count < max);

        return ApiResults.Success<IReadOnlyList<ShopListItem>>(shops.Count > max ? shops[..max] : shops);
    }

    /// <inheritdoc />
    public Task<ApiResult<ShopDetail>> GetShopAsync(string shopId, CancellationToken cancellationToken) =>
        GetAsync<ShopDetail>($"/api/v1/shops/{Uri.EscapeDataString(shopId)}", cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<ConsentLink>> GetAuthorizeLinkAsync(CancellationToken cancellationToken) =>
        GetAsync<ConsentLink>("/api/v1/shops/authorize", cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<bool>> SyncNowAsync(string shopId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/v1/shops/{Uri.EscapeDataString(shopId)}/sync", new { }, cancellationToken);

    /// <inheritdoc />
    public Task<ApiResult<bool>> BackfillAsync(string shopId, DateOnly from, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/v1/shops/{Uri.EscapeDataString(shopId)}/backfill",
            new { from = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) }, cancellationToken);

    /// <inheritdoc />
    public async Task<ApiResult<bool>> SetPausedAsync(string shopId, bool paused, CancellationToken cancellationToken)
    {
        var path = $"/api/v1/shops/{Uri.EscapeDataString(shopId)}";
        var etag = await SendAsync(HttpMethod.Get, path, null, static (r, _) => Task.FromResult(r.Headers.ETag?.ToString()), cancellationToken).ConfigureAwait(false);
        if (!etag.IsOk)
        {
            return ApiResults.Fail<bool>(etag.Outcome, etag.Problem);
        }

        return await SendAsync(HttpMethod.Patch, path, new { paused }, cancellationToken, r => r.Headers.TryAddWithoutValidation("If-Match", etag.Value)).ConfigureAwait(false);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
