namespace OpenClaw.Runtime.Cluster;

/// <summary>Rendezvous (highest-random-weight) hashing: every silo computes the same preferred owner per shard, and a join or leave moves only the shards it must.</summary>
internal static class Rendezvous
{
    public static string? Owner(IReadOnlyList<string> silos, int shard)
    {
        string? best = null;
        var bestScore = 0UL;
        foreach (var silo in silos)
        {
            var score = Score(silo, shard);
            if (best is null || score > bestScore || (score == bestScore && string.CompareOrdinal(silo, best) > 0))
            {
                best = silo;
                bestScore = score;
            }
        }

        return best;
    }

    private static ulong Score(string silo, int shard)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in silo)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ (ulong)shard) * 1099511628211UL;
        // Finalise (splitmix64) so nearby shard numbers spread evenly.
        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebUL;
        return hash ^ (hash >> 31);
    }
}
