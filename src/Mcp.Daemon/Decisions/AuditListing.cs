namespace Mcp.Daemon.Decisions;

/// <summary>The audit trail of a window: decisions and rollbacks by time, then node and channel.</summary>
internal sealed record AuditListing(string? NodeId, DateTimeOffset Since, DateTimeOffset Until, IReadOnlyList<AuditEntry> Entries, bool Truncated);
