namespace Mcp.Engine.Reports;

/// <summary>The mean score of each heuristic over a node's channels, in [0, 1].</summary>
internal sealed record HeuristicAverages(
    double Centrality,
    double Liquidity,
    double Activity,
    double Competitiveness,
    double Reliability,
    double Age,
    double PeerQuality,
    double Position);
