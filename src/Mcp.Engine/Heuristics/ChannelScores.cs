namespace Mcp.Engine.Heuristics;

/// <summary>The eight scores of one channel (0–1), their data coverage (0–1) and the weighted total.</summary>
internal readonly record struct ChannelScores(HeuristicVector Scores, HeuristicVector Coverage, double TotalScore)
{
    /// <summary>
    /// Runs the eight heuristics. <paramref name="centrality"/> is the node-level centrality result
    /// (<see cref="CentralityHeuristic.Score(NodeFacts)"/>), computed once per node.
    /// </summary>
    public static ChannelScores Compute(
        in ChannelFacts channel,
        NodeFacts node,
        int channelIndex,
        HeuristicResult centrality,
        in HeuristicVector weights)
    {
        var liquidity = LiquidityHeuristic.Score(channel);
        var activity = ActivityHeuristic.Score(channel);
        var competitiveness = CompetitivenessHeuristic.Score(channel, node, channelIndex);
        var reliability = ReliabilityHeuristic.Score(channel);
        var age = AgeStabilityHeuristic.Score(channel);
        var peerQuality = PeerQualityHeuristic.Score(channel);
        var position = NetworkPositionHeuristic.Score(channel, node, channelIndex);
        var scores = new HeuristicVector(
            centrality.Score / 100,
            liquidity.Score / 100,
            activity.Score / 100,
            competitiveness.Score / 100,
            reliability.Score / 100,
            age.Score / 100,
            peerQuality.Score / 100,
            position.Score / 100);
        var coverage = new HeuristicVector(
            centrality.Coverage,
            liquidity.Coverage,
            activity.Coverage,
            competitiveness.Coverage,
            reliability.Coverage,
            age.Coverage,
            peerQuality.Coverage,
            position.Coverage);
        var total = Math.Min(1.0, Math.Max(0.0, scores.WeightedSum(weights)));
        return new ChannelScores(scores, coverage, total);
    }
}
