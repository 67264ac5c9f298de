using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenClaw.Api.Access;
using OpenClaw.Api.Audit;
using OpenClaw.Api.Extensions;
using OpenClaw.Api.Metrics;
using OpenClaw.Api.Model;
using OpenClaw.Api.Shops;
using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Tenants;

namespace OpenClaw.Api.Apis;

/// <summary>The outcome of one shop (or one refused row) of an import.</summary>
/// <param name="Row">The row's line in the file (the header is line 1).</param>
/// <param name="ShopId">The shop the row's grant covers; null when the row failed before TikTok named it.</param>
/// <param name="Status"><c>created</c> (new to the tenant), <c>updated</c> (reconnected with new tokens) or <c>failed</c>.</param>
/// <param name="Error">Why it failed (never a token).</param>
public sealed record ImportRowResult(long Row, string? ShopId, string Status, string? Error);

/// <summary>The result of an import: one entry per shop connected or row refused, in file order, and the counts.</summary>
/// <param name="Results">Per row (a grant covering several shops gives one entry per shop).</param>
/// <param name="Created">Shops new to the tenant.</param>
/// <param name="Updated">Shops reconnected.</param>
/// <param name="Failed">Rows refused.</param>
public sealed record ImportResponse(IReadOnlyList<ImportRowResult> Results, int Created, int Updated, int Failed);

/// <summary><c>POST /api/v1/shops/import</c>: connects shops from a CSV of already-issued tokens (a tenant's <c>write</c> keys).</summary>
public static partial class ShopImportApi
{
    /// <summary>Maps the import.</summary>
    public static IEndpointRouteBuilder MapShopImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/shops/import", ImportAsync).WithTags("Shops").RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite)
            .WithIdempotency().InvalidatesTenantMetrics().Accepts<string>("text/csv");
        return app;
    }

    /// <summary>
    /// Reads the CSV (<see cref="TokenCsv"/>; 415 unless <c>text/csv</c>, 413 above <see cref="ImportOptions.MaxBytes"/>,
    /// 400 without the required columns or above <see cref="ImportOptions.MaxRows"/> rows), then connects each row's shops
    /// in file order. A refused row (bad field, TikTok refusing the token, a shop of another tenant) never stops the others.
    /// </summary>
    public static async Task<Results<Ok<ImportResponse>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ClaimsPrincipal user, [AsParameters] ShopApiServices services, TenantIndex index, IOptions<ImportOptions> options,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        if (!request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) ?? true)
        {
            return TypedResults.Problem(title: "Unsupported media type", statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: "Send the file as Content-Type: text/csv (UTF-8).");
        }

        var limits = options.Value;
        var csv = await BodyReader.ReadAsync(request.Body, limits.MaxBytes, cancellationToken);
        if (csv is null)
        {
            return TypedResults.Problem(title: "Payload too large", statusCode: StatusCodes.Status413PayloadTooLarge, detail: $"An import is at most {limits.MaxBytes} bytes.");
        }

        var rows = TokenCsv.Read(csv, out var missing);
        if (rows is null)
        {
            return ApiProblems.Invalid("header", "the header must name the columns " + string.Join(", ", TokenCsv.Columns) + " (missing: " + string.Join(", ", missing) + ")");
        }

        if (rows.Count > limits.MaxRows)
        {
            return ApiProblems.BadRequest($"The file has {rows.Count} rows; at most {limits.MaxRows} are imported at once. Split it.", "too_many_rows");
        }

        var tenantId = user.TenantId()!;
        var logger = loggers.CreateLogger(typeof(ShopImportApi).FullName!);
        var known = new HashSet<string>(await index.ReadAsync(tenantId), StringComparer.Ordinal);
        var results = new List<ImportRowResult>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Request is null)
            {
                results.Add(new ImportRowResult(row.Row, null, "failed", row.Error));
                continue;
            }

            try
            {
                var tokens = row.Request.ToIssuedTokens();
                var shops = await services.Calls.RetryAsync(() => services.Grains.GetGrain<ITenantGrain>(tenantId).ConnectWithTokensAsync(tokens), cancellationToken);
                foreach (var shop in shops)
                {
                    var status = known.Add(shop.ShopId) ? "created" : "updated";
                    results.Add(new ImportRowResult(row.Row, shop.ShopId, status, null));
                    await services.Audit.RecordAsync(user, tenantId, AuditActions.ShopImported, shop.ShopId, new { row = row.Row, status });
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRowFailed(logger, row.Row, ex.GetType().Name);
                results.Add(new ImportRowResult(row.Row, null, "failed", RowError(ex)));
            }
        }

        return TypedResults.Ok(new ImportResponse(results, results.Count(r => r.Status == "created"), results.Count(r => r.Status == "updated"),
            results.Count(r => r.Status == "failed")));
    }

    // The grain's messages name the problem without the token (TenantOnboardingException's contract); anything else is generic.
    private static string RowError(Exception ex) => ex switch
    {
        TenantOnboardingException onboarding => onboarding.ErrorKey is { } code ? $"{onboarding.Message} (TikTok {code})" : onboarding.Message,
        ArgumentException or InvalidOperationException => ex.Message,
        TimeoutException or OrleansException => "The shop cluster did not answer in time; import this row again.",
        _ => "Unexpected error; the trace id identifies it in the logs.",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import row {Row} failed ({Error})")]
    private static partial void LogRowFailed(ILogger logger, long row, string error);
}
