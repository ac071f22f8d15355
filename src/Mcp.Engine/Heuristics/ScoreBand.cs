namespace Mcp.Engine.Heuristics;

/// <summary>Display bands of a total score (the original's <c>ChannelScore.get_recommendation</c>).</summary>
internal enum ScoreBand
{
    Critical,
    Poor,
    Average,
    Good,
    Excellent,
}
