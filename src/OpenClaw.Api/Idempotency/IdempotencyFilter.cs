using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenClaw.Api.Access;
using StackExchange.Redis;

namespace OpenClaw.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on creating POSTs (the IETF httpapi draft's semantics, Stripe's behaviour). Per API key and
/// idempotency key, Redis holds <c>oc:idem:{key id}:{sha256(idempotency key)}</c>: first an in-flight claim (<c>SET NX</c>,
/// <see cref="IdempotencyOptions.InFlightLease"/>), then the first response (status, content type, location, body; encrypted
/// with Data Protection because a key-creation answer holds the new key) for <see cref="IdempotencyOptions.Window"/>.
/// The same key again with the same method, path and body replays it with <c>Idempotency-Replayed: true</c>; with a
/// different request → 422 problem; while the first is still running → 409 problem. A 5xx or an exception releases the
/// claim, so a retry runs again. Without the header the request runs normally.
/// </summary>
public sealed class IdempotencyFilter(IConnectionMultiplexer redis, IDataProtectionProvider dataProtection, IOptions<IdempotencyOptions> options) : IEndpointFilter
{
    /// <summary>The request header.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>The header marking a replayed response.</summary>
    public const string ReplayedHeader = "Idempotency-Replayed";

    /// <summary>Longest key accepted.</summary>
    public const int MaxKeyLength = 255;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector protector = dataProtection.CreateProtector("OpenClaw.Api.Idempotency.v1");

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var presented = http.Request.Headers[Header];
        if (presented.Count == 0)
        {
            return await next(context).ConfigureAwait(false);
        }

        if (presented.Count > 1 || presented[0] is not { Length: > 0 and <= MaxKeyLength } idempotencyKey || idempotencyKey.Any(c => c is < '!' or > '~'))
        {
            return Problem(400, "Bad request", $"{Header} must be one value of 1–{MaxKeyLength} printable ASCII characters.", "idempotency_key_invalid");
        }

        var db = redis.GetDatabase();
        var owner = http.User.FindFirst(ApiScopes.KeyIdClaim)?.Value ?? "anonymous";
        var storageKey = $"oc:idem:{owner}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))}";
        // Claim first, then read the body: a twin arriving while this request's body is still uploading is already in flight.
        if (!await db.StringSetAsync(storageKey, Serialize(new Entry(null, null)), options.Value.InFlightLease, When.NotExists).ConfigureAwait(false))
        {
            return await AnswerTwinAsync(http, db, storageKey).ConfigureAwait(false);
        }

        try
        {
            var fingerprint = await FingerprintAsync(http.Request).ConfigureAwait(false);
            await db.StringSetAsync(storageKey, Serialize(new Entry(fingerprint, null)), options.Value.InFlightLease, When.Exists).ConfigureAwait(false);
            var result = await next(context).ConfigureAwait(false);
            if (result is not IResult executable)
            {
                await db.KeyDeleteAsync(storageKey).ConfigureAwait(false);
                return result;
            }

            var response = await ExecuteCapturingAsync(http, executable).ConfigureAwait(false);
            if (response.Status >= 500)
            {
                await db.KeyDeleteAsync(storageKey).ConfigureAwait(false);
            }
            else
            {
                var stored = protector.Protect(JsonSerializer.Serialize(response, Json));
                await db.StringSetAsync(storageKey, Serialize(new Entry(fingerprint, stored)), options.Value.Window).ConfigureAwait(false);
            }

            return Results.Empty;
        }
        catch
        {
            await db.KeyDeleteAsync(storageKey).ConfigureAwait(false);
            throw;
        }
    }

    // A second request with a key already used: replay, or explain why not.
    private async Task<object?> AnswerTwinAsync(HttpContext http, IDatabase db, string storageKey)
    {
        var value = await db.StringGetAsync(storageKey).ConfigureAwait(false);
        var entry = value.IsNull ? null : JsonSerializer.Deserialize<Entry>(value.ToString(), Json);
        if (entry?.Response is null)
        {
            return Problem(409, "Conflict", $"A request with this {Header} is still being processed; retry after it completes.", "idempotency_in_flight");
        }

        if (entry.Fingerprint != await FingerprintAsync(http.Request).ConfigureAwait(false))
        {
            return Problem(422, "Idempotency key reused", $"This {Header} was used for a different request (method, path or body) within the last day; use a new key.",
                "idempotency_key_reused");
        }

        var stored = JsonSerializer.Deserialize<StoredResponse>(protector.Unprotect(entry.Response), Json)!;
        var response = http.Response;
        response.StatusCode = stored.Status;
        response.ContentType = stored.ContentType;
        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }

        response.Headers[ReplayedHeader] = "true";
        await response.Body.WriteAsync(stored.Body).ConfigureAwait(false);
        return Results.Empty;
    }

    // Method, path and the raw body (the buffering middleware makes it readable again after model binding).
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }

            request.Body.Position = 0;
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // Runs the result into a buffer, keeps a copy, and sends it on.
    private static async Task<StoredResponse> ExecuteCapturingAsync(HttpContext http, IResult result)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await result.ExecuteAsync(http).ConfigureAwait(false);
        }
        finally
        {
            http.Response.Body = original;
        }

        var body = buffer.ToArray();
        await original.WriteAsync(body).ConfigureAwait(false);
        return new StoredResponse(http.Response.StatusCode, http.Response.ContentType, http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null, body);
    }

    private static ProblemHttpResult Problem(int status, string title, string detail, string code) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status, extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["error_code"] = code });

    private static string Serialize(Entry entry) => JsonSerializer.Serialize(entry, Json);

    // Fingerprint null while the body is being read; Response null while in flight, else the protected StoredResponse.
    private sealed record Entry(string? Fingerprint, string? Response);

    private sealed record StoredResponse(int Status, string? ContentType, string? Location, byte[] Body);
}
