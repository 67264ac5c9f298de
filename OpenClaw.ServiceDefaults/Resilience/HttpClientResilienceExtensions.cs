using Microsoft.Extensions.DependencyInjection;

namespace OpenClaw.ServiceDefaults.Resilience;

/// <summary>The opt-out from the standard resilience handler that <c>AddServiceDefaults</c> gives every HttpClient.</summary>
public static class HttpClientResilienceExtensions
{
    /// <summary>
    /// Removes the standard handler (retries, timeouts, circuit breaker) from one client that runs its own schedule:
    /// the TikTok Shop clients' Polly pipeline, the simulator's webhook sender. Stacked, the two would multiply every
    /// retry, cut attempts at the handler's timeouts and hide failed attempts from the caller's own log.
    /// </summary>
    public static IHttpClientBuilder WithoutStandardResilience(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
#pragma warning disable EXTEXP0001 // Experimental API; it is the documented way to opt one client out of ConfigureHttpClientDefaults' handler.
        return builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
