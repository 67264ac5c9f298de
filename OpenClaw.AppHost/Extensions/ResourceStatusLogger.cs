using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpenClaw.AppHost.Extensions;

/// <summary>
/// Logs each resource's state and health as they change ("silo-x7k2: Running, Healthy"), so a console or CI log shows
/// what the dashboard shows without a browser.
/// </summary>
internal sealed partial class ResourceStatusLogger(ResourceNotificationService notifications, ILogger<ResourceStatusLogger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken).ConfigureAwait(false))
            {
                var state = change.Snapshot.State?.Text;
                // Hidden helpers (Aspire's per-project "rebuilder") never start unless asked; they are noise here.
                if (string.IsNullOrEmpty(state) || change.Snapshot.IsHidden)
                {
                    continue;
                }

                var status = change.Snapshot.HealthStatus is { } health ? $"{state}, {health}" : state;
                if (!last.TryGetValue(change.ResourceId, out var previous) || previous != status)
                {
                    last[change.ResourceId] = status;
                    LogStatus(logger, change.ResourceId, status);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: {Status}")]
    private static partial void LogStatus(ILogger logger, string resource, string status);
}

/// <summary>Registers <see cref="ResourceStatusLogger"/>.</summary>
public static class ResourceStatusLoggingExtensions
{
    /// <summary>Logs resource state changes to the AppHost's console (run mode only).</summary>
    public static IDistributedApplicationBuilder AddResourceStatusLogging(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Services.AddHostedService<ResourceStatusLogger>();
        }

        return builder;
    }
}
