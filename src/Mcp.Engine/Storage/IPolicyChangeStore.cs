using Mcp.Engine.Decisions;

namespace Mcp.Engine.Storage;

/// <summary>
/// The audit trail of policy changes and the history the engine's rate limits read. Every write
/// carries the fencing token of the node lease; a token lower than the highest already seen for
/// <c>node:{id}</c> is refused with <see cref="StaleFencingTokenException"/>, so a holder whose
/// lease expired cannot write after its successor. Status transitions are compare-and-set: an
/// illegal one (applying twice, verifying a failed change) throws
/// <see cref="PolicyChangeStateException"/> and changes nothing.
/// </summary>
internal interface IPolicyChangeStore
{
    /// <summary>
    /// Writes an intent (status <c>intent</c>) before the node call. Refused: a second apply change
    /// for the same decision, a rollback of a change that is not applied/verified (or of another
    /// node or channel), a second open rollback of the same change, a duplicate id.
    /// </summary>
    Task RecordIntentAsync(PolicyChangeIntent intent, CancellationToken cancellationToken);

    /// <summary>intent → applied (the node accepted the update).</summary>
    Task MarkAppliedAsync(Guid changeId, long fencingToken, DateTimeOffset appliedAt, CancellationToken cancellationToken);

    /// <summary>
    /// applied → verified (re-read and found in force). Verifying a rollback change also moves the
    /// change it restores to <c>rolled_back</c>, in the same transaction.
    /// </summary>
    Task MarkVerifiedAsync(Guid changeId, long fencingToken, DateTimeOffset verifiedAt, CancellationToken cancellationToken);

    /// <summary>intent | applied → failed, with the node's reason.</summary>
    Task MarkFailedAsync(Guid changeId, long fencingToken, string error, DateTimeOffset failedAt, CancellationToken cancellationToken);

    Task<PolicyChangeRecord?> GetChangeAsync(Guid changeId, CancellationToken cancellationToken);

    /// <summary>Every change of a node created at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<PolicyChangeRecord>> ListChangesAsync(string nodeId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Changes that reached the node (applied, verified or rolled back, of either kind) with
    /// <c>applied_at ≥ since</c>, oldest first: the input of the engine's rate limits and cooldowns.
    /// </summary>
    Task<IReadOnlyList<AppliedChange>> ListAppliedHistoryAsync(string nodeId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Changes left in <c>intent</c> or <c>applied</c> (a crash between the node call and verification); <c>null</c> = all nodes.</summary>
    Task<IReadOnlyList<PolicyChangeRecord>> ListUnfinishedAsync(string? nodeId, CancellationToken cancellationToken);

    /// <summary>
    /// Apply changes in <c>applied</c> or <c>verified</c> (not yet rolled back) selected by node and
    /// time or by decision, newest first (the order in which to restore them).
    /// </summary>
    Task<IReadOnlyList<PolicyChangeRecord>> ListRollbackCandidatesAsync(RollbackSelection selection, CancellationToken cancellationToken);
}
