using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace OpenClaw.Grains.Tests.OpsErrors;

/// <summary>
/// Collects every credential that crossed the wire to the simulator: access tokens (header), refresh tokens, auth
/// codes, app secret and signatures (query), and the tokens the token service issued (response bodies), so a test
/// can prove none of them reached a stored record.
/// </summary>
public sealed class CredentialTap : IStartupFilter
{
    private static readonly string[] QueryKeys = ["access_token", "refresh_token", "app_secret", "auth_code", "sign"];
    private readonly ConcurrentDictionary<string, byte> _values = new(StringComparer.Ordinal);

    /// <summary>Every credential value seen (at least 6 characters).</summary>
    public IReadOnlyCollection<string> Values => [.. _values.Keys];

    /// <inheritdoc />
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            Add(context.Request.Headers["x-tts-access-token"].ToString());
            foreach (var key in QueryKeys)
            {
                Add(context.Request.Query[key].ToString());
            }

            if (!(context.Request.Path.Value ?? "").StartsWith("/api/v2/token/", StringComparison.Ordinal))
            {
                await nextMiddleware(context);
                return;
            }

            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            ReadIssued(buffer.ToArray());
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        });
        next(app);
    };

    private void ReadIssued(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (string[])["access_token", "refresh_token"])
                {
                    Add(data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null);
                }
            }
        }
        catch (JsonException)
        {
            // A fault's broken body issues nothing.
        }
    }

    private void Add(string? value)
    {
        if (value is { Length: >= 6 })
        {
            _values.TryAdd(value, 0);
        }
    }
}
