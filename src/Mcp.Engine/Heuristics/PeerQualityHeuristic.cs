namespace Mcp.Engine.Heuristics;

/// <summary>
/// H7 peer quality (original <c>heuristics/peer_quality.py</c>). Sub-weights: reputation .30,
/// connectivity .30, capacity .25, activity .15. With no peer data it scores 38.
/// </summary>
internal static class PeerQualityHeuristic
{
    private static readonly string[] KnownGoodAliases = ["acinq", "lnbig", "kraken", "bitfinex", "bfx", "blockstream"];

    public static HeuristicResult Score(in ChannelFacts channel)
    {
        var score = 0.0;
        score += Reputation(channel.PeerAmbossRank, channel.PeerAlias) * 0.30;
        score += Connectivity(channel.PeerNumChannels ?? 0) * 0.30;
        score += Capacity(channel.PeerTotalCapacitySat ?? 0) * 0.25;
        score += Activity(channel.PeerTotalForwards ?? 0) * 0.15;
        var reputationKnown = channel.PeerAmbossRank is not null || !string.IsNullOrEmpty(channel.PeerAlias);
        var coverage = (reputationKnown ? 0.30 : 0)
            + (channel.PeerNumChannels is null ? 0 : 0.30)
            + (channel.PeerTotalCapacitySat is null ? 0 : 0.25)
            + (channel.PeerTotalForwards is null ? 0 : 0.15);
        return new HeuristicResult(HeuristicResult.Clamp100(score), coverage);
    }

    /// <summary>
    /// From the Amboss rank when known (top 100 = 100 … beyond 5 000 = 50); otherwise 95 for an alias
    /// containing a well-known operator's name, else 70.
    /// </summary>
    public static double Reputation(int? ambossRank, string? alias)
    {
        if (ambossRank is { } rank && rank != 0)
        {
            if (rank <= 100)
            {
                return 100.0;
            }

            if (rank <= 500)
            {
                return 90 - ((rank - 100) / 400.0 * 10);
            }

            if (rank <= 1000)
            {
                return 80 - ((rank - 500) / 500.0 * 10);
            }

            if (rank <= 5000)
            {
                return 70 - ((rank - 1000) / 4000.0 * 20);
            }

            return Math.Max(50, 50 - ((rank - 5000) / 10000.0 * 20));
        }

        if (!string.IsNullOrEmpty(alias))
        {
            var lower = alias.ToLowerInvariant();
            foreach (var known in KnownGoodAliases)
            {
                if (lower.Contains(known, StringComparison.Ordinal))
                {
                    return 95.0;
                }
            }
        }

        return 70.0;
    }

    /// <summary>Peer channel count, logarithmic: 0 → 20, 10 → 39, 100 → 74, 500 and more = 100.</summary>
    public static double Connectivity(int numChannels)
    {
        if (numChannels == 0)
        {
            return 20.0;
        }

        return Math.Min(100.0, Math.Log10(numChannels + 1.0) / Math.Log10(501) * 100);
    }

    /// <summary>Peer total capacity, logarithmic between 10 M sat and 10 BTC, floor 20.</summary>
    public static double Capacity(long totalCapacitySat)
    {
        if (totalCapacitySat == 0)
        {
            return 20.0;
        }

        var score = (Math.Log10(totalCapacitySat + 1.0) - Math.Log10(10_000_000))
            / (Math.Log10(1_000_000_000) - Math.Log10(10_000_000)) * 100;
        return Math.Min(100.0, Math.Max(20.0, score));
    }

    /// <summary>Peer forwards: 0 → 40, &lt;100 → 40–70, &lt;1000 → 70–90, then 90 + 5 × log10(n − 999), cap 100.</summary>
    public static double Activity(long totalForwards)
    {
        if (totalForwards == 0)
        {
            return 40.0;
        }

        if (totalForwards < 100)
        {
            return 40 + (totalForwards / 100.0 * 30);
        }

        if (totalForwards < 1000)
        {
            return 70 + ((totalForwards - 100) / 900.0 * 20);
        }

        return Math.Min(100, 90 + (Math.Log10(totalForwards - 999.0) * 5));
    }
}
