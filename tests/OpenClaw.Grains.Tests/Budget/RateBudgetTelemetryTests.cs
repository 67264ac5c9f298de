using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.Grains.Tests.Budget;

[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class RateBudgetTelemetryTests
{
    [Fact]
    public async Task Metrics_GrantsRefusalsReportsAndQuota_AreMeasuredWithoutShopIds()
    {
        await using var kit = await BudgetTestKit.StartAsync(BudgetTestKit.Midnight.AddHours(12));
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var seen = new ConcurrentQueue<(string Meter, string Name, double Value, KeyValuePair<string, object?>[] Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Enqueue((i.Meter.Name, i.Name, v, tags.ToArray())));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Enqueue((i.Meter.Name, i.Name, v, tags.ToArray())));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => seen.Enqueue((i.Meter.Name, i.Name, v, tags.ToArray())));
        listener.Start();
        var budget = kit.Silo(0, o => o.DailyQuota = 3, factory);

        for (var i = 0; i < 3; i++)
        {
            await budget.AcquireAsync("shop-7495", CallPriority.Webhook, TestContext.Current.CancellationToken);
        }

        await Assert.ThrowsAsync<RateBudgetPausedException>(() => budget.AcquireAsync("shop-7495", CallPriority.Incremental, TestContext.Current.CancellationToken).AsTask());
        await budget.ReportRateLimitedAsync("shop-7495", null);
        await budget.ReportQuotaExhaustedAsync("shop-7495", null);
        listener.RecordObservableInstruments();

        double Sum(string name, string? tag = null, string? value = null) =>
            seen.Where(m => m.Name == name && (tag is null || m.Tags.Any(t => t.Key == tag && Equals(t.Value, value)))).Sum(m => m.Value);
        Assert.All(seen, m => Assert.Equal("OpenClaw.Budget", m.Meter));
        Assert.Equal(3, Sum("openclaw.budget.calls", "priority", "webhook"));
        Assert.Equal(3, seen.Count(m => m.Name == "openclaw.budget.wait"));
        Assert.Equal(1, Sum("openclaw.budget.refused", "reason", "daily_quota_used"));
        Assert.Equal(1, Sum("openclaw.budget.reports", "kind", "rate_limit"));
        Assert.Equal(1, Sum("openclaw.budget.reports", "kind", "quota_exhausted"));
        Assert.Equal(3, Sum("openclaw.budget.quota.used"));
        Assert.Equal(3, Sum("openclaw.budget.quota.limit"));
        Assert.Equal(1, Sum("openclaw.budget.paused"));
        Assert.DoesNotContain(seen.SelectMany(m => m.Tags), t => t.Value is string s && (s.Contains("7495", StringComparison.Ordinal) || s.Contains(kit.AppKey, StringComparison.Ordinal)));
    }
}
