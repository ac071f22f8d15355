namespace Mcp.Engine.Storage;

/// <summary>The report's claim was taken over by another generator (or the report is no longer generating).</summary>
internal sealed class ReportClaimLostException(ReportClaim claim)
    : StorageException($"Report {claim.Key.UserId}/{claim.Key.NodeId}/{claim.Key.Date:yyyy-MM-dd} is no longer claimed by '{claim.Owner}' (attempt {claim.Attempt}).")
{
    public ReportClaim Claim { get; } = claim;
}
