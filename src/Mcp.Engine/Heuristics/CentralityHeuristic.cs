namespace Mcp.Engine.Heuristics;

/// <summary>
/// H1 centrality (original <c>heuristics/centrality.py</c>, without a network graph). A node-level
/// value: identical for every channel of a node, so it is computed once per node.
/// Sub-weights: betweenness .35, closeness .25, degree .20, eigenvector .20.
/// </summary>
internal static class CentralityHeuristic
{
    public static HeuristicResult Score(NodeFacts node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Score(node.ChannelCount, (double)node.TotalCapacitySat);
    }

    public static HeuristicResult Score(int channelCount, double totalCapacitySat)
    {
        var score = 0.0;
        score += Betweenness(channelCount, totalCapacitySat) * 0.35;
        score += Closeness(channelCount) * 0.25;
        score += Degree(channelCount) * 0.20;
        score += Eigenvector(channelCount, totalCapacitySat) * 0.20;
        return new HeuristicResult(HeuristicResult.Clamp100(score), 1.0);
    }

    /// <summary>50 channels = 100, 1 BTC of total capacity = 100; mixed 60/40.</summary>
    public static double Betweenness(int channelCount, double totalCapacitySat)
    {
        var channelScore = Math.Min(100, channelCount / 50.0 * 100);
        var capacityScore = Math.Min(100, totalCapacitySat / 100_000_000 * 100);
        return (channelScore * 0.6) + (capacityScore * 0.4);
    }

    /// <summary>30 channels = 100.</summary>
    public static double Closeness(int channelCount) => Math.Min(100, channelCount / 30.0 * 100);

    /// <summary>log10(n + 1) / log10(101) × 100: 1 → 15, 10 → 52, 100 → 100.</summary>
    public static double Degree(int channelCount) =>
        channelCount == 0 ? 0.0 : Math.Min(100.0, Math.Log10(channelCount + 1) / Math.Log10(101) * 100);

    /// <summary>Average channel capacity; 20 M sat = 100.</summary>
    public static double Eigenvector(int channelCount, double totalCapacitySat)
    {
        if (channelCount == 0)
        {
            return 0.0;
        }

        var average = totalCapacitySat / channelCount;
        return Math.Min(100, average / 20_000_000 * 100);
    }
}
