namespace OpenClaw.Api.Model;

/// <summary>Reads a raw request body with a size limit (for the endpoints that must see exact bytes: webhooks, CSV).</summary>
public static class BodyReader
{
    /// <summary>The body's bytes, or null as soon as it is longer than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
