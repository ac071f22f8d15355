namespace Mcp.Engine.Storage;

/// <summary>A (user, node) pair that gets a daily report: an active node whose entry says <c>daily_report: true</c>.</summary>
internal sealed record ReportSubject(string UserId, string NodeId, string? TenantId, string? Pubkey);
