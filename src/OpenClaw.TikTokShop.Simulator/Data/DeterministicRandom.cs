namespace OpenClaw.TikTokShop.Simulator.Data;

/// <summary>
/// SplitMix64 seeded from a tuple of integers: the same (seed, shop, day, ordinal) always yields the same draws, which
/// is what lets the simulator regenerate any order on demand instead of storing it.
/// </summary>
public struct DeterministicRandom
{
    private ulong _state;

    /// <summary>Creates a generator for one key.</summary>
    public DeterministicRandom(int seed, long a, long b = 0, long c = 0, long d = 0)
    {
        _state = Mix((ulong)seed * 0x9E3779B97F4A7C15UL);
        _state = Mix(_state ^ (ulong)a);
        _state = Mix(_state ^ ((ulong)b * 0xBF58476D1CE4E5B9UL));
        _state = Mix(_state ^ ((ulong)c * 0x94D049BB133111EBUL));
        _state = Mix(_state ^ (ulong)d);
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [min, max).</summary>
    public long Next(long min, long max) => max <= min ? min : min + (long)(NextUInt64() % (ulong)(max - min));

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>One element of a list.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[(int)Next(0, items.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
