namespace OpenClaw.Grains.Budget;

/// <summary>
/// Up to <c>width</c> holders per key at a time (one by default); other callers with the same key wait in line, first
/// come first served (SemaphoreSlim hands a release to the oldest asynchronous waiter, and no newcomer can barge in). A
/// key's entry exists only while someone holds or waits for it, so lines for thousands of shops leave nothing behind.
/// </summary>
/// <typeparam name="TKey">What a line is for, e.g. a shop and priority.</typeparam>
/// <param name="width">Holders of one key at a time (at least 1).</param>
internal sealed class WaitingLines<TKey>(int width = 1)
    where TKey : notnull
{
    private readonly int _width = width >= 1 ? width : throw new ArgumentOutOfRangeException(nameof(width), width, "at least one holder");
    private readonly Dictionary<TKey, Entry> _entries = [];
    private readonly Lock _lock = new();

    /// <summary>Number of keys with a holder or waiters (diagnostics).</summary>
    public int Count
    {
        get { lock (_lock) { return _entries.Count; } }
    }

    /// <summary>Callers holding or waiting for <paramref name="key"/>'s turn (0 when none).</summary>
    public int UsersOf(TKey key)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var entry) ? entry.Users : 0;
        }
    }

    /// <summary>Waits for the turn of <paramref name="key"/>; dispose the result to hand the turn to the next in line.</summary>
    public async ValueTask<Turn> EnterAsync(TKey key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry(_width);
                _entries[key] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Line.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, entry, held: false);
            throw;
        }

        return new Turn(this, key, entry);
    }

    private void Leave(TKey key, Entry entry, bool held)
    {
        if (held)
        {
            entry.Line.Release();
        }

        lock (_lock)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
                entry.Dispose();
            }
        }
    }

    /// <summary>A held turn; disposing it lets the next caller with the same key go.</summary>
    public readonly struct Turn : IDisposable
    {
        private readonly WaitingLines<TKey>? _owner;
        private readonly TKey _key;
        private readonly Entry? _entry;

        internal Turn(WaitingLines<TKey> owner, TKey key, Entry entry)
        {
            _owner = owner;
            _key = key;
            _entry = entry;
        }

        /// <inheritdoc />
        public void Dispose() => _owner?.Leave(_key, _entry!, held: true);
    }

    internal sealed class Entry(int width) : IDisposable
    {
        public SemaphoreSlim Line { get; } = new(width, width);

        public int Users { get; set; }

        public void Dispose() => Line.Dispose();
    }
}
