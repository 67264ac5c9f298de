using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenClaw.AppHost.Tests.Run;

/// <summary>
/// Follows Aspire's own view of the resources (the states and health the dashboard shows) from before the app
/// starts, so waits see every instance (replicas have their own ids) and every process id DCP reports.
/// </summary>
internal sealed class ResourceWatcher : IAsyncDisposable
{
    private static readonly string[] Terminal = [KnownResourceStates.FailedToStart, KnownResourceStates.Exited, KnownResourceStates.Finished];
    private readonly ConcurrentDictionary<string, ResourceEvent> latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, byte> processIds = new();
    private readonly CancellationTokenSource stop = new();
    private readonly SemaphoreSlim changed = new(0);
    private readonly Task loop;

    public ResourceWatcher(DistributedApplication app)
    {
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        loop = Task.Run(() => FollowAsync(notifications));
    }

    /// <summary>Every process id DCP reported (<c>executable.pid</c>), including instances that already stopped.</summary>
    public IReadOnlyCollection<int> ProcessIds => processIds.Keys.ToList();

    /// <summary>Every resource instance seen so far (a replica has its own id, e.g. <c>silo-abcdefgh</c>), with its resource's name.</summary>
    public IReadOnlyList<(string InstanceId, string ResourceName)> Instances => [.. latest.Values.Select(e => (e.ResourceId, e.Resource.Name))];

    /// <summary>
    /// Waits until <paramref name="instances"/> instances of <paramref name="resourceName"/> are Running and Healthy;
    /// fails fast when one stops instead (a resource that ran to completion, like the tool restore, is not waited on).
    /// </summary>
    public async Task<IReadOnlyList<string>> WaitForHealthyAsync(string resourceName, int instances, CancellationToken cancellationToken)
    {
        while (true)
        {
            var mine = latest.Values.Where(e => e.Resource.Name == resourceName).ToList();
            if (mine.FirstOrDefault(e => Terminal.Contains(e.Snapshot.State?.Text)) is { } stopped)
            {
                throw new InvalidOperationException($"{stopped.ResourceId} reached '{stopped.Snapshot.State?.Text}' instead of becoming healthy.");
            }

            var healthy = mine.Where(e => e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.HealthStatus == HealthStatus.Healthy)
                .Select(e => e.ResourceId).ToList();
            if (healthy.Count >= instances)
            {
                return healthy;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stop.Dispose();
        changed.Dispose();
    }

    private async Task FollowAsync(ResourceNotificationService notifications)
    {
        await foreach (var change in notifications.WatchAsync(stop.Token))
        {
            latest[change.ResourceId] = change;
            if (change.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
                && int.TryParse(pid.ToString(), out var id))
            {
                processIds.TryAdd(id, 0);
            }

            changed.Release();
        }
    }
}
