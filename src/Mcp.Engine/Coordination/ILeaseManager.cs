namespace Mcp.Engine.Coordination;

/// <summary>
/// Exclusive, expiring leases with fencing tokens (Redis when <c>MCP_REDIS</c> is set, else
/// in-process). Never throws for a backend outage: the lease is simply not granted (and the outage
/// is logged and counted), so work that needs it does not start.
/// </summary>
internal interface ILeaseManager
{
    /// <summary>The lease, or <c>null</c> when another holder has it or the backend is unavailable.</summary>
    Task<ILease?> TryAcquireAsync(LeaseRequest request, CancellationToken cancellationToken);
}
