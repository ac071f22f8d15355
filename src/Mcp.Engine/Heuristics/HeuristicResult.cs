namespace Mcp.Engine.Heuristics;

/// <summary>
/// One heuristic's outcome: its score on the original's 0–100 scale and the share (0–1) of its
/// sub-component weight that was computed from real inputs rather than from a default.
/// </summary>
internal readonly record struct HeuristicResult(double Score, double Coverage)
{
    public static double Clamp100(double score) => Math.Min(100.0, Math.Max(0.0, score));
}
