using OpenClaw.Grains.Sync;

namespace OpenClaw.Grains.Shops;

// Operator requests on a shop's sync: the API's "sync now" and "backfill from" buttons.
public sealed partial class ShopGrain
{
    // Domains pressed while a turn ran; they become due when it ends (ApplyPressed).
    private readonly HashSet<SyncDomain> _pressed = [];
    private bool _turnRunning;

    /// <inheritdoc />
    /// <remarks>
    /// Interleaves with a running turn and never waits for it: a page in flight can take seconds (a slow TikTok, a failing
    /// call and its retries), and an operator's button, or a failover's first call to the shop on its new silo, answered
    /// only after it. A domain pressed during a turn is made due when the turn ends, so its next window begins after the
    /// press even when the turn was inside one. The press is memory only: the turn it starts checkpoints the cursor, and a
    /// press lost with its silo is pressed again.
    /// </remarks>
    public Task SyncNowAsync(IReadOnlyList<SyncDomain>? domains = null)
    {
        EnsureConnected();
        var pressed = domains is { Count: > 0 } ? domains : Enum.GetValues<SyncDomain>();
        if (_turnRunning)
        {
            _pressed.UnionWith(pressed);
            return Task.CompletedTask;
        }

        MakeDue(pressed);
        ArmTimer(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StartBackfillAsync(DateTimeOffset from)
    {
        EnsureConnected();
        var now = time.GetUtcNow();
        if (from > now || from < now.AddYears(-3))
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, "the backfill start must be in the last 3 years");
        }

        foreach (var domain in Windowed)
        {
            var cursor = Cursor(domain);
            cursor.Begin(now, null);
            cursor.ExtendBackfill(from);
        }

        await sync.WriteStateAsync(CancellationToken.None);
        ArmTimer(TimeSpan.Zero);
    }

    // At a turn's end: what was pressed meanwhile becomes due, and the turn's re-arm then comes at once.
    private void ApplyPressed()
    {
        if (_pressed.Count > 0)
        {
            MakeDue(_pressed);
            _pressed.Clear();
        }
    }

    private void MakeDue(IEnumerable<SyncDomain> domains)
    {
        var now = time.GetUtcNow();
        foreach (var domain in domains)
        {
            Cursor(domain).MakeDue(now);
        }
    }
}
