using Mcp.Engine.Coordination;
using Mcp.Engine.Nodes;
using Mcp.Engine.Resilience;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Storage;

namespace Mcp.Daemon.Decisions;

/// <summary>
/// The one path by which the daemon changes a node's policy (decisions in live mode and
/// rollbacks): write the intent (fenced by the node lease), check once more that sending is still
/// allowed (kill switch, lease), send a full-replacement update that the connector verifies by
/// re-reading, then record applied + verified, or failed with the node's reason. An unknown
/// outcome stays unfinished for <see cref="PolicyChangeReconciler"/>: it is never resent blindly.
/// </summary>
internal sealed class PolicyUpdateExecutor(
    IPolicyChangeStore changes,
    TimeProvider time,
    DecisionLoopMetrics metrics,
    ILogger<PolicyUpdateExecutor> logger)
{
    /// <param name="client">The node.</param>
    /// <param name="lease">The node's lease; its fencing token goes with every write.</param>
    /// <param name="request">The change.</param>
    /// <param name="refusal">Asked after the intent is written: a reason not to send now (the kill switch), or null.</param>
    /// <param name="cancellationToken">Cancels the node call (the outcome is then unknown and left for reconciliation).</param>
    public async Task<PolicyUpdateOutcome> ApplyAsync(
        INodeClient client,
        ILease lease,
        PolicyUpdateRequest request,
        Func<string?> refusal,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(refusal);
        var changeId = Guid.CreateVersion7(time.GetUtcNow());
        var kind = request.Kind == PolicyChangeKind.Rollback ? "rollback" : "fee update";
        var change = PolicyText.Change(request.Before, request.After);
        try
        {
            await changes.RecordIntentAsync(new PolicyChangeIntent
            {
                Id = changeId,
                NodeId = request.NodeId,
                ChannelId = request.ChannelId,
                DecisionId = request.DecisionId,
                Kind = request.Kind,
                RollsBackChangeId = request.RollsBackChangeId,
                Before = request.Before,
                After = request.After,
                CreatedAt = time.GetUtcNow(),
                FencingToken = lease.FencingToken,
            }, cancellationToken);
        }
        catch (StaleFencingTokenException e)
        {
            return Count(request, new PolicyUpdateOutcome(changeId, FeeUpdateResult.NotSent, e.Message, null, LeaseLost: true));
        }

        if ((refusal() ?? (lease.IsValid ? null : "the node lease was lost")) is { } reason)
        {
            DecisionLoopLog.UpdateNotSent(logger, request.NodeId, request.ChannelId, kind, reason, changeId);
            var lost = !await TryMarkFailedAsync(changeId, lease, "not sent: " + reason);
            return Count(request, new PolicyUpdateOutcome(changeId, FeeUpdateResult.NotSent, reason, null, lost));
        }

        PolicyUpdateResult result;
        try
        {
            result = await client.ApplyPolicyAsync(new PolicyChange
            {
                ChannelId = ShortChannelId.Parse(request.ChannelId),
                Policy = request.After,
                ManageInbound = PolicyText.InboundDiffers(request.Before, request.After),
                ExpectedCurrent = request.Before,
            }, cancellationToken);
        }
        catch (NodeException e)
        {
            // The connector throws only when its first read fails: nothing was sent.
            var detail = $"not sent: the current policy could not be read ({e.Failure.ToLabel()}): {e.Message}";
            DecisionLoopLog.UpdateFailed(logger, request.NodeId, request.ChannelId, kind, detail, changeId);
            var lost = !await TryMarkFailedAsync(changeId, lease, detail);
            return Count(request, new PolicyUpdateOutcome(changeId, FeeUpdateResult.Failed, detail, null, lost));
        }
        catch (OperationCanceledException)
        {
            DecisionLoopLog.UpdateUnknown(logger, request.NodeId, request.ChannelId, kind, "the round was cancelled while the update was in flight", changeId);
            metrics.FeeUpdates.WithLabels(request.NodeId, FeeUpdateResult.Unknown.ToLabel()).Inc();
            throw;
        }

        var outcome = await RecordAsync(request, lease, changeId, kind, change, result);
        return Count(request, outcome);
    }

    private async Task<PolicyUpdateOutcome> RecordAsync(PolicyUpdateRequest request, ILease lease, Guid changeId, string kind, string change, PolicyUpdateResult result)
    {
        var node = request.NodeId;
        var channel = request.ChannelId;
        try
        {
            switch (result.Status)
            {
                case PolicyUpdateStatus.Applied:
                case PolicyUpdateStatus.AlreadyInEffect:
                    var at = time.GetUtcNow();
                    await changes.MarkAppliedAsync(changeId, lease.FencingToken, at, CancellationToken.None);
                    await changes.MarkVerifiedAsync(changeId, lease.FencingToken, at, CancellationToken.None);
                    if (result.Status == PolicyUpdateStatus.Applied)
                    {
                        DecisionLoopLog.UpdateApplied(logger, node, channel, kind, change, changeId);
                        return new(changeId, FeeUpdateResult.Applied, result.Reason, result);
                    }

                    DecisionLoopLog.UpdateAlreadyInEffect(logger, node, channel, kind, change, changeId);
                    return new(changeId, FeeUpdateResult.AlreadyInEffect, null, result);

                case PolicyUpdateStatus.Conflict:
                    var conflict = "conflict: " + (result.Reason ?? "the node's fees changed since the decision");
                    DecisionLoopLog.UpdateConflict(logger, node, channel, kind, conflict, changeId);
                    await changes.MarkFailedAsync(changeId, lease.FencingToken, conflict, time.GetUtcNow(), CancellationToken.None);
                    return new(changeId, FeeUpdateResult.Conflict, conflict, result);

                case PolicyUpdateStatus.Failed:
                    var refused = "refused by the node: " + Describe(result);
                    DecisionLoopLog.UpdateFailed(logger, node, channel, kind, refused, changeId);
                    await changes.MarkFailedAsync(changeId, lease.FencingToken, refused, time.GetUtcNow(), CancellationToken.None);
                    return new(changeId, FeeUpdateResult.Failed, refused, result);

                case PolicyUpdateStatus.NotApplied:
                    var silent = "verification: " + (result.Reason ?? "the re-read policy differs from the update");
                    DecisionLoopLog.UpdateNotApplied(logger, node, channel, kind, silent, changeId);
                    await changes.MarkFailedAsync(changeId, lease.FencingToken, silent, time.GetUtcNow(), CancellationToken.None);
                    return new(changeId, FeeUpdateResult.NotApplied, silent, result);

                default:
                    var unknown = result.Reason ?? "the outcome is unknown";
                    DecisionLoopLog.UpdateUnknown(logger, node, channel, kind, unknown, changeId);
                    return new(changeId, FeeUpdateResult.Unknown, unknown, result);
            }
        }
        catch (StaleFencingTokenException e)
        {
            // Another holder took the node: it reconciles this change from what the node shows.
            DecisionLoopLog.LeaseLost(logger, node, "recording the outcome of change " + changeId);
            return new(changeId, FeeUpdateResult.Unknown, e.Message, result, LeaseLost: true);
        }
        catch (StorageException e)
        {
            // The node call is done but its outcome could not be recorded: the change stays
            // unfinished and is reconciled from what the node shows.
            DecisionLoopLog.StorageFailed(logger, node, "recording the outcome of change " + changeId, e.Message);
            return new(changeId, FeeUpdateResult.Unknown, "recording failed: " + e.Message, result);
        }
    }

    private static string Describe(PolicyUpdateResult result)
    {
        var reason = result.Reason ?? "no reason given";
        if (result.NodeFailureReason is { } nodeReason && !reason.Contains(nodeReason, StringComparison.Ordinal))
        {
            reason = nodeReason + ": " + reason;
        }

        return reason;
    }

    private async Task<bool> TryMarkFailedAsync(Guid changeId, ILease lease, string error)
    {
        try
        {
            await changes.MarkFailedAsync(changeId, lease.FencingToken, error, time.GetUtcNow(), CancellationToken.None);
            return true;
        }
        catch (StaleFencingTokenException)
        {
            return false;
        }
    }

    private PolicyUpdateOutcome Count(PolicyUpdateRequest request, PolicyUpdateOutcome outcome)
    {
        metrics.FeeUpdates.WithLabels(request.NodeId, outcome.Result.ToLabel()).Inc();
        return outcome;
    }
}
