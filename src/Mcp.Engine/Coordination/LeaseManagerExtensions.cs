namespace Mcp.Engine.Coordination;

internal static class LeaseManagerExtensions
{
    /// <summary>Acquires an auto-renewing lease.</summary>
    public static Task<ILease?> TryAcquireAsync(this ILeaseManager leases, string resource, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leases);
        return leases.TryAcquireAsync(new LeaseRequest(resource, timeToLive), cancellationToken);
    }
}
