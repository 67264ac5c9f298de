using System.Globalization;
using System.Text.Json;
using OpenClaw.TikTokShop.Simulator.Api;

namespace OpenClaw.TikTokShop.Simulator.Admin;

/// <summary>Reads snake_case JSON bodies of the admin surface; bad JSON becomes a 400 problem, never a 500.</summary>
internal static class AdminBodies
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext http) where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, Envelope.Json, http.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, Bad("a JSON object body is required")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Bad("malformed JSON body: " + ex.Message));
        }
    }

    public static IResult Bad(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    public static IResult UnknownShop() => Results.Problem("unknown shop_id", statusCode: StatusCodes.Status404NotFound);

    /// <summary>Parses a <c>yyyy-MM-dd</c> day exactly.</summary>
    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static IResult Json(object value, int status = StatusCodes.Status200OK) => Results.Json(value, Envelope.Json, statusCode: status);
}

internal sealed record ShopRequest(string? ShopId);

internal sealed record AdvanceRequest(long? Seconds);

internal sealed record SpeedRequest(double? Speed);

internal sealed record RateLimitRequest(int? PerShopPerSecond, int? PerAppPerSecond);

internal sealed record QuotaRequest(long? DailyQuota);

internal sealed record FireRequest(string? ShopId, int? Type);

internal sealed record SkewRequest(string? ShopId, string? Date, decimal? Factor);
