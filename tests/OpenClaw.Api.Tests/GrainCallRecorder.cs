using System.Collections.Concurrent;
using OpenClaw.Grains.Sync;

namespace OpenClaw.Api.Tests;

/// <summary>An incoming grain call filter in the test silo: counts the webhooks each shop grain was handed, by notification id.</summary>
public sealed class GrainCallRecorder : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, int> webhooks = new(StringComparer.Ordinal);

    /// <summary>How many times <c>HandleWebhookAsync</c> was called with <paramref name="notificationId"/>.</summary>
    public int WebhookCalls(string notificationId) => webhooks.GetValueOrDefault(notificationId);

    /// <inheritdoc />
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.GetArgumentCount() == 1 && context.Request.GetArgument(0) is ShopWebhook webhook)
        {
            webhooks.AddOrUpdate(webhook.NotificationId, 1, (_, n) => n + 1);
        }

        await context.Invoke();
    }
}
