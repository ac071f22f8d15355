namespace Mcp.Engine.Heuristics;

/// <summary>
/// The eight weighted heuristics, in the order the original engine summed them (the order also
/// fixes the floating-point summation order of the total score).
/// </summary>
internal enum Heuristic
{
    Centrality,
    Liquidity,
    Activity,
    Competitiveness,
    Reliability,
    Age,
    PeerQuality,
    Position,
}
