namespace OpenClaw.TestSupport;

/// <summary>Waits for something that happens in the background (a collector, a sender, a timer) to become true.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 20 ms; throws <see cref="TimeoutException"/> if it is still false after <paramref name="timeoutMs"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, int timeoutMs = 10_000)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"condition not met within {timeoutMs} ms");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Polls <paramref name="condition"/> every 100 ms; throws <see cref="TimeoutException"/> with <paramref name="describe"/>'s
    /// account of the last state if it is still false after <paramref name="timeout"/>.
    /// </summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(describe);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"after {timeout.TotalSeconds:0} s: {describe()}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }
}
