using OpenClaw.Grains.Shops;
using OpenClaw.Silo.Tests.Cluster;
using OpenClaw.TestSupport;
using static OpenClaw.Silo.Tests.SiloTestContext;

namespace OpenClaw.Silo.Tests;

/// <summary>A connected shop stays scheduled when the whole cluster is replaced, without anyone calling it.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class ReminderRestartTests
{
    // Fast reminders for the test; Orleans refuses periods under ReminderOptions.MinimumReminderPeriod (1 min by default).
    private static readonly Dictionary<string, string> FastSchedule = new()
    {
        ["Shops__ReminderDueTime"] = "00:00:01",
        ["Shops__ReminderPeriod"] = "00:00:02",
        ["Orleans__Reminders__MinimumReminderPeriod"] = "00:00:01",
    };

    [Fact]
    public async Task Reminder_WholeClusterRestarted_KeepsFiringWithoutAnyCall()
    {
        var (cluster, redis) = await NewClusterAsync(FastSchedule);
        await using var _ = cluster;
        var first = await cluster.StartSilosAsync(2, Cancellation);
        string shopId;
        await using (var client = await cluster.ConnectClientAsync(ResponseTimeout, Cancellation))
        {
            shopId = await ConnectShopAsync(client.Client);
        }

        await Eventually.UntilAsync(async () => await StoredShop.ReadLastReminderAtAsync(redis, cluster.ServiceId, shopId) is not null, 30_000);

        // Stop the whole cluster (a full redeploy): every silo drains and exits.
        foreach (var silo in first)
        {
            silo.Terminate();
        }

        foreach (var silo in first)
        {
            Assert.Equal(0, await silo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        var beforeRestart = await StoredShop.ReadLastReminderAtAsync(redis, cluster.ServiceId, shopId);
        var revision = await StoredShop.ReadRevisionAsync(redis, cluster.ServiceId, shopId);
        var restartedAt = DateTimeOffset.UtcNow;
        await cluster.StartSilosAsync(2, Cancellation);

        // Nobody calls the grain: only its reminder can activate it and move LastReminderAt on.
        await Eventually.UntilAsync(
            async () => await StoredShop.ReadLastReminderAtAsync(redis, cluster.ServiceId, shopId) > restartedAt,
            timeoutMs: 60_000);

        var ticked = await StoredShop.ReadLastReminderAtAsync(redis, cluster.ServiceId, shopId);
        Log($"LastReminderAt before restart {beforeRestart:O}, after {ticked:O}; silos restarted at {restartedAt:O}");
        Assert.True(ticked > beforeRestart);
        Assert.Equal(revision, await StoredShop.ReadRevisionAsync(redis, cluster.ServiceId, shopId));
    }
}
