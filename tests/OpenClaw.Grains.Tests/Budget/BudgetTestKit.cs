using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using OpenClaw.Grains.Budget;
using OpenClaw.TikTokShop.Resilience;
using StackExchange.Redis;

namespace OpenClaw.Grains.Tests.Budget;

/// <summary>
/// Two "silos" (two budgets, each on its own Redis connection) over the budget tests' server (<see cref="BudgetRedis"/>),
/// one fake clock, and an app key no other test uses, so tests keep their keys apart.
/// </summary>
internal sealed class BudgetTestKit : IAsyncDisposable
{
    /// <summary>Monday 2026-11-30 00:00 UTC: the start of a quota day.</summary>
    public static readonly DateTimeOffset Midnight = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    private readonly List<RateBudget> _budgets = [];

    private BudgetTestKit(ConnectionMultiplexer[] connections, DateTimeOffset start)
    {
        Connections = connections;
        Clock = new FakeTimeProvider(start);
    }

    public ConnectionMultiplexer[] Connections { get; }

    public FakeTimeProvider Clock { get; }

    public string AppKey { get; } = "app-" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<BudgetTestKit> StartAsync(DateTimeOffset? start = null)
    {
        return new BudgetTestKit([await BudgetRedis.ConnectAsync(), await BudgetRedis.ConnectAsync()], start ?? Midnight);
    }

    /// <summary>Options with this kit's app key and generous limits unless <paramref name="configure"/> says otherwise.</summary>
    public RateBudgetOptions Options(Action<RateBudgetOptions>? configure = null)
    {
        // Sync calls wait as long as webhook calls unless a test says otherwise (SyncMaxWait has its own tests).
        var options = new RateBudgetOptions { AppKey = AppKey, PerAppPerSecond = 1000, PerShopPerSecond = 50, BurstSeconds = 10, DailyQuota = 1_000_000, SyncMaxWait = TimeSpan.FromHours(1) };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A budget on silo <paramref name="silo"/> (0 or 1): its own connection, the shared clock.</summary>
    public RateBudget Silo(int silo, Action<RateBudgetOptions>? configure = null, IMeterFactory? meterFactory = null)
    {
        var budget = new RateBudget(Connections[silo], Options(configure), Clock, meterFactory);
        _budgets.Add(budget);
        return budget;
    }

    /// <summary>Takes grants at the frozen clock until refused; returns the count.</summary>
    public static async Task<int> GrantsUntilRefusedAsync(RateBudget budget, string shopId, CallPriority priority, int max = 100_000)
    {
        var granted = 0;
        while (granted < max && (await budget.TryAcquireAsync(shopId, priority)).Granted)
        {
            granted++;
        }

        return granted;
    }

    /// <summary>
    /// Advances the fake clock by <paramref name="step"/> until <paramref name="done"/> or <paramref name="limit"/> of
    /// fake time, leaving the woken callers a few real milliseconds per step for their Redis round trips. Returns the
    /// fake time that passed.
    /// </summary>
    public async Task<TimeSpan> RunClockAsync(Func<bool> done, TimeSpan step, TimeSpan limit)
    {
        var elapsed = TimeSpan.Zero;
        while (!done() && elapsed < limit)
        {
            Clock.Advance(step);
            elapsed += step;
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        return elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var budget in _budgets)
        {
            budget.Dispose();
        }

        foreach (var connection in Connections)
        {
            await connection.DisposeAsync();
        }
    }
}
