using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OpenClaw.Api.Access;
using OpenClaw.Api.Apis;
using OpenClaw.Api.RateLimiting;
using OpenClaw.ServiceDefaults.Configuration;

namespace OpenClaw.Api.Extensions;

/// <summary>
/// The API's rate limiter (ASP.NET Core <c>RateLimiter</c>): a token bucket per authenticated API key id, one for the
/// webhook ingress, one per client address for unauthenticated requests; health probes are not limited. A refused
/// request gets a 429 problem with <c>Retry-After</c> (whole seconds) and the refusing bucket's numbers
/// (<c>limit_per_second</c>, <c>burst</c>, <c>retry_after_seconds</c>, <c>scope</c> = <c>per_replica</c>). The buckets
/// live in this process: each API replica limits on its own.
/// </summary>
public static class RateLimitExtensions
{
    /// <summary>Adds <see cref="RateLimitOptions"/> (validated) and the partitioned global limiter.</summary>
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedSettings<RateLimitOptions>(configuration, RateLimitOptions.SectionName);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, settings) =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, settings.Value));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>The bucket a request draws from: <c>key:&lt;key id&gt;</c>, <c>webhooks</c>, <c>anonymous:&lt;address&gt;</c>, or none for health probes.</summary>
    public static string? PartitionKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        if (path.StartsWithSegments("/health") || path.StartsWithSegments("/alive"))
        {
            return null;
        }

        if (path.StartsWithSegments(WebhooksApi.Path))
        {
            return "webhooks";
        }

        return context.User.FindFirst(ApiScopes.KeyIdClaim)?.Value is { } keyId
            ? "key:" + keyId
            : "anonymous:" + context.Connection.RemoteIpAddress;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions settings)
    {
        var key = PartitionKey(context);
        if (key is null)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var webhooks = key == "webhooks";
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = webhooks ? settings.WebhookBurst : settings.Burst,
            TokensPerPeriod = webhooks ? settings.WebhookPermitsPerSecond : settings.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var webhooks = PartitionKey(context) == "webhooks";
        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests",
                Detail = $"This API key sent more requests than its rate limit allows; retry after {seconds} s.",
            },
        };
        // The numbers of the bucket that refused: per second and burst, on this API replica (docs/api.md, "Rate limits").
        problem.ProblemDetails.Extensions["limit_per_second"] = webhooks ? settings.WebhookPermitsPerSecond : settings.PermitsPerSecond;
        problem.ProblemDetails.Extensions["burst"] = webhooks ? settings.WebhookBurst : settings.Burst;
        problem.ProblemDetails.Extensions["retry_after_seconds"] = seconds;
        problem.ProblemDetails.Extensions["scope"] = "per_replica";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(problem).ConfigureAwait(false);
    }
}
