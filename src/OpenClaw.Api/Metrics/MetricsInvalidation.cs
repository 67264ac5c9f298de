using System.Security.Claims;
using OpenClaw.Api.Access;

namespace OpenClaw.Api.Metrics;

/// <summary>Endpoints that change a tenant's shops (connect, pause, settings, disconnect, import) drop its shared metrics.</summary>
public static class MetricsInvalidation
{
    /// <summary>
    /// After the handler ran (whatever its result), the caller's tenant's shared metrics results are outdated: the
    /// next overview or comparison from this API process waits for a computation that sees the write.
    /// </summary>
    public static TBuilder InvalidatesTenantMetrics<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            finally
            {
                if (context.HttpContext.User.TenantId() is { } tenantId)
                {
                    context.HttpContext.RequestServices.GetRequiredService<MetricsSnapshots>().Invalidate(tenantId);
                }
            }
        });
}
