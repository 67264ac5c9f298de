using OpenClaw.Grains.Alerts.Evaluation;
using OpenClaw.Grains.Metrics.Queries;

namespace OpenClaw.Grains.Tests.Alerts;

/// <summary>
/// The alert timer reads a shop's day buckets again only when they can have moved: after the grain wrote them, on a
/// new local day, after <see cref="MetricRatesMemo.MaxAge"/>, and never keeps what was read while they were written.
/// </summary>
public sealed class MetricRatesMemoTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly MetricRatesMemo memo = new();
    private int reads;

    private Task<MetricRates> ReadAsync(decimal refund)
    {
        reads++;
        return Task.FromResult(new MetricRates(null, refund, null, null, null, null));
    }

    [Fact]
    public async Task Same_window_and_day_without_writes_is_read_once()
    {
        var first = await memo.GetOrReadAsync(7, Today, Now, () => ReadAsync(0.05m));
        var second = await memo.GetOrReadAsync(7, Today, Now.AddMinutes(1), () => ReadAsync(0.09m));

        Assert.Equal(1, reads);
        Assert.Equal(0.05m, second.Refund);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task A_write_to_the_buckets_makes_the_next_evaluation_read_them()
    {
        await memo.GetOrReadAsync(7, Today, Now, () => ReadAsync(0.05m));
        memo.Invalidate();
        var after = await memo.GetOrReadAsync(7, Today, Now.AddMinutes(1), () => ReadAsync(0.09m));

        Assert.Equal(2, reads);
        Assert.Equal(0.09m, after.Refund);
    }

    [Fact]
    public async Task A_new_local_day_another_window_or_an_old_reading_is_read_again()
    {
        await memo.GetOrReadAsync(7, Today, Now, () => ReadAsync(0.05m));

        await memo.GetOrReadAsync(7, Today.AddDays(1), Now.AddMinutes(1), () => ReadAsync(0.06m));
        await memo.GetOrReadAsync(30, Today.AddDays(1), Now.AddMinutes(1), () => ReadAsync(0.07m));
        var old = await memo.GetOrReadAsync(30, Today.AddDays(1), Now.AddMinutes(1) + MetricRatesMemo.MaxAge, () => ReadAsync(0.08m));

        Assert.Equal(4, reads);
        Assert.Equal(0.08m, old.Refund);
    }

    [Fact]
    public async Task Rates_read_while_the_buckets_were_written_are_not_kept()
    {
        await memo.GetOrReadAsync(7, Today, Now, () =>
        {
            memo.Invalidate(); // a page applied while the read was under way
            return ReadAsync(0.05m);
        });
        var next = await memo.GetOrReadAsync(7, Today, Now.AddMinutes(1), () => ReadAsync(0.09m));

        Assert.Equal(2, reads);
        Assert.Equal(0.09m, next.Refund);
    }
}
