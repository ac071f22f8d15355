namespace Mcp.Engine.Heuristics;

/// <summary>
/// H2 liquidity (original <c>heuristics/liquidity.py</c>). Sub-weights: balance .40, capacity .30,
/// available .20, volatility .10 (a constant 70: the original has no balance history).
/// </summary>
internal static class LiquidityHeuristic
{
    private const double OptimalRatio = 0.5;
    private const double RatioTolerance = 0.15;
    private const double MinCapacitySats = 1_000_000;

    public static HeuristicResult Score(in ChannelFacts channel)
    {
        var local = channel.LocalBalanceSat;
        var remote = channel.RemoteBalanceSat;
        var capacity = channel.CapacitySat;
        var score = 0.0;
        score += Balance(local, remote) * 0.40;
        score += Capacity(capacity) * 0.30;
        score += Available(local, remote, capacity) * 0.20;
        score += Volatility() * 0.10;
        var coverage = (local + remote > 0 ? 0.40 : 0) + (capacity > 0 ? 0.30 + 0.20 : 0);
        return new HeuristicResult(HeuristicResult.Clamp100(score), coverage);
    }

    /// <summary>100 at a 50/50 split, 80 at the ±15 % tolerance edge, 0 at a fully one-sided channel.</summary>
    public static double Balance(long local, long remote)
    {
        var total = local + remote;
        if (total == 0)
        {
            return 0.0;
        }

        var ratio = (double)local / total;
        var deviation = Math.Abs(ratio - OptimalRatio);
        double score;
        if (deviation <= RatioTolerance)
        {
            score = 100 - (deviation / RatioTolerance * 20);
        }
        else
        {
            var excess = deviation - RatioTolerance;
            score = 80 - (excess / (0.5 - RatioTolerance) * 80);
        }

        return Math.Max(0.0, score);
    }

    /// <summary>Logarithmic: 1 M sat ≈ 0, 5 M ≈ 54, 20 M and more = 100.</summary>
    public static double Capacity(long capacitySat)
    {
        if (capacitySat == 0)
        {
            return 0.0;
        }

        var normalized = (Math.Log10(capacitySat + 1.0) - Math.Log10(MinCapacitySats))
            / (Math.Log10(20_000_000) - Math.Log10(MinCapacitySats));
        return Math.Min(100.0, Math.Max(0.0, normalized * 100));
    }

    /// <summary>2 × min(local, remote) / capacity, as a percentage.</summary>
    public static double Available(long local, long remote, long capacitySat)
    {
        if (capacitySat == 0)
        {
            return 0.0;
        }

        var available = Math.Min(local, remote);
        var ratio = available * 2.0 / capacitySat;
        return Math.Min(100.0, ratio * 100);
    }

    public static double Volatility() => 70.0;
}
