namespace Mcp.Engine.Coordination;

/// <summary>
/// A held lease. It is valid until its time-to-live (measured locally from the moment the acquire
/// or renew request was sent, minus a 10 % safety margin) runs out without a successful renewal.
/// <see cref="Lost"/> is cancelled the moment it stops being valid (expired, taken over, released),
/// so work under the lease can link it into its cancellation. Before an action that must not happen
/// twice, check <see cref="IsValid"/>; the storage write that records the action carries
/// <see cref="FencingToken"/> and is refused if a newer holder wrote first.
/// Disposing releases the lease.
/// </summary>
internal interface ILease : IAsyncDisposable
{
    string Resource { get; }

    /// <summary>Strictly greater than every token issued for this resource before (see the docs for the guarantee).</summary>
    long FencingToken { get; }

    bool IsValid { get; }

    /// <summary>Cancelled when the lease is no longer valid.</summary>
    CancellationToken Lost { get; }

    /// <summary>Extends the lease by its time-to-live; false when it is lost (or the backend did not answer before it expired).</summary>
    Task<bool> RenewAsync(CancellationToken cancellationToken);

    /// <summary>Gives the lease up (idempotent; a backend failure is logged, the lease then simply expires).</summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}
