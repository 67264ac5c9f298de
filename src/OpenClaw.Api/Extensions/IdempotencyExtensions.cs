using OpenClaw.Api.Idempotency;
using OpenClaw.ServiceDefaults.Configuration;

namespace OpenClaw.Api.Extensions;

/// <summary>Wires <see cref="IdempotencyFilter"/>: its settings, the body buffering it needs, and the per-endpoint opt-in.</summary>
public static class IdempotencyExtensions
{
    /// <summary>Adds <see cref="IdempotencyOptions"/> (validated) and the filter.</summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedSettings<IdempotencyOptions>(configuration, IdempotencyOptions.SectionName);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<IdempotencyFilter>(sp, ApiServiceExtensions.Redis(sp)));
        return services;
    }

    /// <summary>Makes a request that carries <c>Idempotency-Key</c> re-readable, so the filter can fingerprint the body after model binding.</summary>
    public static IApplicationBuilder UseIdempotencyBuffering(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Headers.ContainsKey(IdempotencyFilter.Header))
            {
                context.Request.EnableBuffering();
            }

            return next(context);
        });

    /// <summary>Honours <c>Idempotency-Key</c> on this (creating) endpoint.</summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter((context, next) => context.HttpContext.RequestServices.GetRequiredService<IdempotencyFilter>().InvokeAsync(context, next));
}
