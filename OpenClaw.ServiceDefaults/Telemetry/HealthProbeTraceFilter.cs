using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace OpenClaw.ServiceDefaults.Telemetry;

/// <summary>
/// First middleware of every web process. Probes (<c>/health</c>, <c>/alive</c>) are un-recorded so they never
/// reach the exporter; other request spans get the HTTP semantic-convention name and tags that the missing
/// ASP.NET Core instrumentation package would have added.
/// </summary>
internal sealed class HealthProbeTraceFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var activity = Activity.Current;
            if (activity is not null && activity.Source.Name == "Microsoft.AspNetCore")
            {
                if (IsProbe(context.Request.Path))
                {
                    activity.IsAllDataRequested = false;
                    activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                }
                else
                {
                    activity.SetTag("http.request.method", context.Request.Method);
                    activity.SetTag("url.path", context.Request.Path.Value);
                }
            }

            await nextMiddleware(context).ConfigureAwait(false);

            if (activity is not null && activity.Recorded)
            {
                activity.SetTag("http.response.status_code", context.Response.StatusCode);
                if (context.GetEndpoint() is RouteEndpoint route)
                {
                    activity.SetTag("http.route", route.RoutePattern.RawText);
                    activity.DisplayName = context.Request.Method + " " + route.RoutePattern.RawText;
                }
            }
        });
        next(app);
    };

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(ServiceDefaultsExtensions.HealthPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(ServiceDefaultsExtensions.AlivePath, StringComparison.OrdinalIgnoreCase);
}
