namespace Mcp.Engine.Reports;

/// <summary>Policy changes created in a window, per status; <see cref="Rollbacks"/> counts the rollback changes among them.</summary>
internal sealed record PolicyChangeCounts(int Intent, int Applied, int Verified, int Failed, int RolledBack, int Rollbacks)
{
    public int Total => Intent + Applied + Verified + Failed + RolledBack;
}
