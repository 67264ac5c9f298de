using System.Globalization;
using System.Text;
using OpenClaw.TikTokShop.Simulator.Api;
using OpenClaw.TikTokShop.Simulator.Clock;
using OpenClaw.TikTokShop.Simulator.Data;

namespace OpenClaw.TikTokShop.Simulator.Faults;

/// <summary>
/// Applies the first matching fault rule to TikTok-facing requests (API, token service, consent page); the admin
/// surface and health endpoints are never faulted.
/// </summary>
public sealed class FaultMiddleware(RequestDelegate next, FaultBook faults, ShopDirectory shops, SimulatedClock clock)
{
    /// <summary>HttpContext item carrying a paging fault to <see cref="Paging"/>.</summary>
    public const string PageFaultKey = "openclaw.sim.page-fault";

    /// <summary>Runs the pipeline, possibly faulted.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/_sim", StringComparison.Ordinal) || path is "/health" or "/alive")
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var shopId = shops.ByCipher(context.Request.Query["shop_cipher"].ToString())?.Id;
        var rule = faults.Match(path, shopId);
        if (rule is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var aborted = context.RequestAborted;
        switch (rule.Kind)
        {
            case "error":
                await Envelope.WriteErrorAsync(context, ApiError.Of(rule.Code!.Value, "injected fault"), clock.RealNow).ConfigureAwait(false);
                break;
            case "rate_limit":
                if (rule.RetryAfterSeconds is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                }

                await Envelope.WriteErrorAsync(context, ApiError.Of(ErrorCodes.TooManyRequests, "too many requests"), clock.RealNow).ConfigureAwait(false);
                break;
            case "http_status":
                context.Response.StatusCode = rule.Status!.Value;
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("overload protection", aborted).ConfigureAwait(false);
                break;
            case "latency":
                await Task.Delay(rule.DelayMs!.Value, aborted).ConfigureAwait(false);
                await next(context).ConfigureAwait(false);
                break;
            case "stall":
                // Hold the connection, then drop it without a response (the client sees a timeout or a reset).
                await Task.Delay(rule.DelayMs!.Value, aborted).ConfigureAwait(false);
                context.Abort();
                break;
            case "malformed_json":
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"code\":0,\"message\":\"Success\",\"data\":{\"orders\":[{\"id\":", aborted).ConfigureAwait(false);
                break;
            case "truncated_body":
                await TruncateAsync(context).ConfigureAwait(false);
                break;
            case "wrong_types":
                await RewriteTypesAsync(context).ConfigureAwait(false);
                break;
            default:
                context.Items[PageFaultKey] = rule.Kind;
                await next(context).ConfigureAwait(false);
                break;
        }
    }

    private async Task<byte[]> CaptureAsync(HttpContext context)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        return buffer.ToArray();
    }

    private async Task TruncateAsync(HttpContext context)
    {
        var full = await CaptureAsync(context).ConfigureAwait(false);
        // Promise the full length, send half, then reset the connection.
        context.Response.ContentLength = full.Length;
        await context.Response.Body.WriteAsync(full.AsMemory(0, full.Length / 2), context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        // Give the client time to read the headers and the first half, so it sees a short body rather than a
        // connection reset before any response (which is a different failure).
        await Task.Delay(TimeSpan.FromMilliseconds(250), context.RequestAborted).ConfigureAwait(false);
        context.Abort();
    }

    private async Task RewriteTypesAsync(HttpContext context)
    {
        var full = await CaptureAsync(context).ConfigureAwait(false);
        var rewritten = WrongTypes.Rewrite(Encoding.UTF8.GetString(full));
        var bytes = Encoding.UTF8.GetBytes(rewritten);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
