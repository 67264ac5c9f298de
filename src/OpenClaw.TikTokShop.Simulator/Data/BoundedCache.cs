namespace OpenClaw.TikTokShop.Simulator.Data;

/// <summary>
/// A small least-recently-used cache. Generated days are pure functions of their key, so an evicted entry is simply
/// generated again; the bound keeps 10,000 shops from filling memory.
/// </summary>
public sealed class BoundedCache<TKey, TValue> where TKey : notnull
{
    private readonly int _capacity;
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _map = [];
    private readonly LinkedList<(TKey Key, TValue Value)> _recency = new();

    /// <summary>Creates a cache holding at most <paramref name="capacity"/> entries.</summary>
    public BoundedCache(int capacity) => _capacity = capacity;

    /// <summary>Returns the cached value or creates it (outside the lock: creation is deterministic, a race only wastes work).</summary>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value.Value;
            }
        }

        var value = create(key);
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var existing))
            {
                return existing.Value.Value;
            }

            _map[key] = _recency.AddFirst((key, value));
            if (_map.Count > _capacity)
            {
                var last = _recency.Last!;
                _recency.RemoveLast();
                _map.Remove(last.Value.Key);
            }
        }

        return value;
    }
}
