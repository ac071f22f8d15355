namespace Mcp.Engine.Storage;

/// <summary>The right to generate one report: pass it back to complete or fail it.</summary>
internal sealed record ReportClaim(Guid ReportId, ReportKey Key, int Attempt, long FencingToken, string Owner, DateTimeOffset ClaimedAt);
