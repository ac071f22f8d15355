namespace Mcp.Engine.Decisions;

/// <summary>A cooperative close the operator may consider (the daemon never closes channels).</summary>
/// <param name="Reason"><c>low_performance</c> (the original's rule) or <c>idle</c> (no successful forward for long).</param>
/// <param name="CloseType">Always <c>cooperative</c>: a force close is never recommended.</param>
internal sealed record CloseRecommendation(string Reason, string CloseType = "cooperative");
