namespace Mcp.Engine.Nodes.Simulated;

/// <summary>
/// A small deterministic generator (SplitMix64). Seeded from (node seed, step, channel), so a
/// simulated node's history does not depend on when or how often it is observed.
/// </summary>
internal struct SimulatedRandom(ulong seed)
{
    private ulong _state = seed;

    public static SimulatedRandom For(long seed, long a = 0, long b = 0)
    {
        var s = Mix((ulong)seed ^ 0x5DEECE66DUL);
        s = Mix(s ^ (ulong)a);
        s = Mix(s ^ ((ulong)b * 0x9E3779B97F4A7C15UL));
        return new SimulatedRandom(s);
    }

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => min + (int)(NextULong() % (ulong)(maxExclusive - min));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Log-uniform in [min, max): many small values, a few large ones.</summary>
    public double LogUniform(double min, double max) => Math.Exp(Math.Log(min) + (NextDouble() * (Math.Log(max) - Math.Log(min))));

    /// <summary>A Poisson draw (inversion; meant for small means).</summary>
    public int Poisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        var limit = Math.Exp(-Math.Min(mean, 30));
        var product = NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }

        return count;
    }

    public string Hex(int bytes)
    {
        Span<char> chars = stackalloc char[bytes * 2];
        for (var i = 0; i < chars.Length; i += 2)
        {
            var value = (byte)NextULong();
            chars[i] = "0123456789abcdef"[value >> 4];
            chars[i + 1] = "0123456789abcdef"[value & 0xF];
        }

        return new string(chars);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
