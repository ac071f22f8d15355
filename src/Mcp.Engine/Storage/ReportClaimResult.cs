namespace Mcp.Engine.Storage;

/// <summary>What <see cref="IReportStore.TryClaimAsync"/> found; <see cref="Claim"/> is set only when <see cref="Outcome"/> is <see cref="ReportClaimOutcome.Claimed"/>.</summary>
internal sealed record ReportClaimResult(ReportClaimOutcome Outcome, ReportClaim? Claim, StoredReport Report);
