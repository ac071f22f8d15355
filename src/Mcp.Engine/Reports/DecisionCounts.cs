namespace Mcp.Engine.Reports;

/// <summary>Recorded decisions (rounds, not groups) per outcome.</summary>
internal sealed record DecisionCounts(int Applied, int Failed, int RolledBack, int NotApplied, int Shadow, int Recommended, int Blocked)
{
    public int Total => Applied + Failed + RolledBack + NotApplied + Shadow + Recommended + Blocked;
}
