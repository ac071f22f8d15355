namespace Mcp.Engine.Storage;

/// <summary>The identity of a daily report: one per user, node and date (a unique constraint).</summary>
internal sealed record ReportKey(string UserId, string NodeId, DateOnly Date);
