using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenClaw.Api.Access;
using OpenClaw.Api.Audit;
using OpenClaw.Api.Extensions;
using OpenClaw.Api.Model;
using OpenClaw.Api.OpsErrors;
using OpenClaw.Grains.OpsErrors;
using OpenClaw.Grains.ReadModels;

namespace OpenClaw.Api.Apis;

/// <summary>
/// <c>POST /api/v1/ops-errors/ingest</c>: a seller's ERP, OMS or middleware reports its own failed TikTok calls and
/// webhook callbacks (a tenant's <c>write</c> keys, <c>Idempotency-Key</c> honoured). They are redacted, classified by
/// the error catalogue and stored beside OpenClaw's own ops errors with <c>source = seller</c>
/// (<see cref="SellerErrorIntake"/>).
/// </summary>
public static class OpsErrorIngestApi
{
    /// <summary>Maps the endpoint on the ops errors group.</summary>
    public static RouteGroupBuilder MapOpsErrorIngest(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapPost("/ingest", IngestAsync).RequireAuthorization(ApiKeyAuthenticationExtensions.TenantWrite).WithIdempotency()
            .Accepts<OpsErrorIngestRequest>("application/json").WithSummary("Report the seller's own failed TikTok calls");
        return group;
    }

    /// <summary>
    /// Reads the batch (415 unless JSON, 413 above <see cref="OpsErrorIngestOptions.MaxBodyBytes"/>, 400 for bad JSON,
    /// no <c>items</c> or more than <see cref="OpsErrorIngestOptions.MaxItems"/>), then stores every valid item and
    /// answers each item's outcome in order; an invalid item (another tenant's shop, a bad field) never stops the others.
    /// When no item can be stored the answer is a 422 problem carrying the same per-item <c>results</c>.
    /// </summary>
    public static async Task<Results<Ok<OpsErrorIngestResponse>, ValidationProblem, ProblemHttpResult>> IngestAsync(
        HttpRequest request, ClaimsPrincipal user, TenantIndex tenants, SellerErrorIntake intake, AuditLog audit, TimeProvider time,
        IOptions<OpsErrorIngestOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(audit);
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(title: "Unsupported media type", statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: "Send the batch as Content-Type: application/json.");
        }

        var limits = options.Value;
        var body = request.ContentLength > limits.MaxBodyBytes ? null : await BodyReader.ReadAsync(request.Body, limits.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(title: "Payload too large", statusCode: StatusCodes.Status413PayloadTooLarge,
                detail: $"A batch is at most {limits.MaxBodyBytes} bytes; send fewer items or shorter payloads per request.");
        }

        OpsErrorIngestRequest? batch;
        try
        {
            batch = JsonSerializer.Deserialize<OpsErrorIngestRequest>(body, json.Value.SerializerOptions);
        }
        catch (JsonException ex)
        {
            return ApiProblems.BadRequest("The body is not a valid batch: " + ex.Message, "bad_json");
        }

        if (batch?.Items is not { Count: > 0 } items)
        {
            return ApiProblems.Invalid("items", "items is required: a list of 1 to " + limits.MaxItems + " failures");
        }

        if (items.Count > limits.MaxItems)
        {
            return ApiProblems.BadRequest($"The batch has {items.Count} items; at most {limits.MaxItems} are accepted at once. Split it.", "too_many_items");
        }

        var tenantId = user.TenantId()!;
        var shops = new HashSet<string>(await tenants.ReadAsync(tenantId), StringComparer.Ordinal);
        var reader = new ReportedErrorReader(shops, limits, intake.OldestAccepted, time.GetUtcNow() + limits.MaxClockSkew);
        var results = new ReportedErrorResult[items.Count];
        var accepted = new List<(int Index, ReportedFailure Failure)>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (reader.Read(items[i], out var errors) is { } failure)
            {
                accepted.Add((i, failure));
            }
            else
            {
                results[i] = new ReportedErrorResult(i, "rejected", null, null, null, errors);
            }
        }

        if (accepted.Count == 0)
        {
            // Nothing storable: the batch as a whole is refused, with every item's reasons.
            return TypedResults.Problem(title: "No item could be stored", statusCode: StatusCodes.Status422UnprocessableEntity,
                detail: "Every item of the batch was rejected; see results for each item's errors.",
                extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["error_code"] = "all_items_rejected", ["results"] = results });
        }

        var groups = await intake.RecordAsync(tenantId, [.. accepted.Select(a => a.Failure)]);
        for (var j = 0; j < accepted.Count; j++)
        {
            var g = groups[j];
            results[accepted[j].Index] = new ReportedErrorResult(accepted[j].Index, "stored", g.GroupId, g.Code,
                JsonNamingPolicy.SnakeCaseLower.ConvertName(g.Entry.Category.ToString()), null);
        }

        await audit.RecordAsync(user, tenantId, AuditActions.OpsErrorsReported, "ops-errors",
            new { stored = accepted.Count, rejected = items.Count - accepted.Count, shops = accepted.Select(a => a.Failure.ShopId).Distinct(StringComparer.Ordinal).Count() });

        return TypedResults.Ok(new OpsErrorIngestResponse(accepted.Count, items.Count - accepted.Count, results));
    }
}
