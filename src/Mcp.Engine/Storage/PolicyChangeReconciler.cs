using Mcp.Engine.Snapshots;
using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Storage;

/// <summary>
/// Settles the changes a crash left between intent and verification: for each, the node's current
/// policy is re-read through the caller's delegate and the change is recorded as verified (the
/// target is in force), failed (the previous policy is still in force, or neither: abandoned).
/// Nothing is sent to the node, so nothing is applied twice, and every intent ends recorded.
/// Run it under the node's lease, before the node's first round.
/// </summary>
internal sealed partial class PolicyChangeReconciler(IPolicyChangeStore store, TimeProvider timeProvider, ILogger<PolicyChangeReconciler> logger)
{
    /// <summary>
    /// Reconciles the node's unfinished changes, oldest first. <paramref name="readPolicy"/> returns
    /// the channel's current policy, or <c>null</c> when the node no longer has the channel; when it
    /// throws, that change stays unfinished (<see cref="ReconciliationResult.Unresolved"/>).
    /// A <see cref="StaleFencingTokenException"/> (the lease was lost) stops the reconciliation.
    /// </summary>
    public async Task<IReadOnlyList<ReconciliationOutcome>> ReconcileAsync(
        string nodeId,
        long fencingToken,
        Func<string, CancellationToken, Task<ChannelPolicy?>> readPolicy,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        ArgumentNullException.ThrowIfNull(readPolicy);
        var unfinished = await store.ListUnfinishedAsync(nodeId, cancellationToken);
        var outcomes = new List<ReconciliationOutcome>(unfinished.Count);
        foreach (var change in unfinished)
        {
            outcomes.Add(await ReconcileOneAsync(change, fencingToken, readPolicy, cancellationToken));
        }

        return outcomes;
    }

    private async Task<ReconciliationOutcome> ReconcileOneAsync(
        PolicyChangeRecord change,
        long fencingToken,
        Func<string, CancellationToken, Task<ChannelPolicy?>> readPolicy,
        CancellationToken cancellationToken)
    {
        ChannelPolicy? current;
        try
        {
            current = await readPolicy(change.ChannelId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnresolved(logger, change.Id, change.NodeId, change.ChannelId, ex.GetType().Name, ex.Message);
            return new(change.Id, change.ChannelId, change.Status, ReconciliationResult.Unresolved, $"the node could not be read: {ex.Message}");
        }

        var now = timeProvider.GetUtcNow();
        if (current is not null && PolicyMatcher.Matches(change.After, current))
        {
            if (change.Status == PolicyChangeStatus.Intent)
            {
                await store.MarkAppliedAsync(change.Id, fencingToken, now, cancellationToken);
            }

            await store.MarkVerifiedAsync(change.Id, fencingToken, now, cancellationToken);
            LogSettled(logger, change.Id, change.NodeId, change.ChannelId, "verified");
            return new(change.Id, change.ChannelId, change.Status, ReconciliationResult.Verified, "the node shows the target policy");
        }

        (ReconciliationResult result, string detail) = current switch
        {
            null => (ReconciliationResult.Abandoned, "reconciled after restart: the channel no longer exists on the node"),
            _ when PolicyMatcher.Matches(change.Before, current) =>
                (ReconciliationResult.NotApplied, "reconciled after restart: the node still shows the previous policy; the update did not take effect"),
            _ => (ReconciliationResult.Abandoned, "reconciled after restart: abandoned; the node shows a policy that is neither the previous nor the target one"),
        };
        await store.MarkFailedAsync(change.Id, fencingToken, detail, now, cancellationToken);
        LogSettled(logger, change.Id, change.NodeId, change.ChannelId, result == ReconciliationResult.NotApplied ? "not_applied" : "abandoned");
        return new(change.Id, change.ChannelId, change.Status, result, detail);
    }

    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "Reconciled policy change {ChangeId} of node {NodeId} channel {ChannelId}: {Result}")]
    private static partial void LogSettled(ILogger logger, Guid changeId, string nodeId, string channelId, string result);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Policy change {ChangeId} of node {NodeId} channel {ChannelId} left unfinished: the node could not be read ({ErrorType}: {Error})")]
    private static partial void LogUnresolved(ILogger logger, Guid changeId, string nodeId, string channelId, string errorType, string error);
}
