namespace Mcp.Engine.Storage;

/// <summary>pending → generating → completed | failed (a failed or stale report can be claimed again).</summary>
internal enum ReportStatus
{
    Pending,
    Generating,
    Completed,
    Failed,
}
