using Mcp.Engine.Coordination;
using Mcp.Engine.Nodes;
using Mcp.Engine.Storage;

namespace Mcp.Daemon.Decisions;

/// <summary>
/// Restores the policies in force before selected applied changes of a node, newest first,
/// through the same verified update path as live decisions (<see cref="PolicyUpdateExecutor"/>)
/// and under the node's lease; each restore is recorded as a <see cref="PolicyChangeKind.Rollback"/>
/// change, and verifying it marks the original change <c>rolled_back</c>. A channel whose fees no
/// longer are the ones the change set (someone changed them since) is not touched: conflict.
/// The kill switch does not apply: a rollback is an operator's explicit command.
/// </summary>
internal sealed class RollbackService(
    IPolicyChangeStore changes,
    ILeaseManager leases,
    INodeClientFactory clients,
    PolicyUpdateExecutor executor,
    TimeProvider time,
    ILogger<RollbackService> logger)
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    /// <summary>The applied changes the selection covers, newest first.</summary>
    public Task<IReadOnlyList<PolicyChangeRecord>> SelectAsync(RollbackSelection selection, CancellationToken cancellationToken) =>
        changes.ListRollbackCandidatesAsync(selection, cancellationToken);

    /// <summary>
    /// Takes the node's lease (waiting up to <paramref name="leaseWait"/> while a round holds it),
    /// selects again under it, and restores each change of <paramref name="confirmed"/> that is still
    /// a candidate, newest first.
    /// </summary>
    public async Task<RollbackResult> ExecuteAsync(
        NodeDefinition node,
        RollbackSelection selection,
        IReadOnlyCollection<Guid> confirmed,
        TimeSpan leaseWait,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(confirmed);
        var lease = await AcquireAsync(node.Id, leaseWait, cancellationToken);
        if (lease is null)
        {
            DecisionLoopLog.RollbackRefused(logger, node.Id, "the node's lease is held by a running round; try again in a moment");
            return new RollbackResult(true, []);
        }

        await using (lease)
        {
            var current = await changes.ListRollbackCandidatesAsync(selection, cancellationToken);
            var toRestore = current.Where(c => confirmed.Contains(c.Id)).ToArray();
            var described = Describe(selection);
            DecisionLoopLog.RollbackPlanned(logger, node.Id, toRestore.Length, described);
            var client = clients.Create(node);
            var steps = new List<RollbackStep>(toRestore.Length);
            foreach (var change in toRestore)
            {
                if (!lease.IsValid)
                {
                    steps.Add(new RollbackStep(change, null, "not attempted: the node lease was lost"));
                    continue;
                }

                var outcome = await executor.ApplyAsync(
                    client,
                    lease,
                    new PolicyUpdateRequest
                    {
                        NodeId = node.Id,
                        ChannelId = change.ChannelId,
                        DecisionId = change.DecisionId,
                        Kind = PolicyChangeKind.Rollback,
                        RollsBackChangeId = change.Id,
                        Before = change.After,
                        After = change.Before,
                    },
                    () => null,
                    cancellationToken);
                steps.Add(new RollbackStep(change, outcome, null));
            }

            // Changes confirmed but no longer candidates (restored or changed meanwhile) are reported, not retried.
            foreach (var gone in confirmed.Where(id => toRestore.All(c => c.Id != id)))
            {
                if (await changes.GetChangeAsync(gone, cancellationToken) is { } record)
                {
                    steps.Add(new RollbackStep(record, null, $"not attempted: the change is now {record.Status.ToString().ToLowerInvariant()}"));
                }
            }

            var result = new RollbackResult(false, steps);
            DecisionLoopLog.RollbackDone(logger, node.Id, result.Restored, result.Failed);
            return result;
        }
    }

    private async Task<ILease?> AcquireAsync(string nodeId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + wait;
        while (true)
        {
            var lease = await leases.TryAcquireAsync(new LeaseRequest(LeaseResources.Node(nodeId), NodeRoundProcessor.LeaseTimeToLive), cancellationToken);
            if (lease is not null || time.GetUtcNow() >= until)
            {
                return lease;
            }

            await Task.Delay(RetryEvery, time, cancellationToken);
        }
    }

    private static string Describe(RollbackSelection selection) =>
        selection.DecisionId is { } decision ? $"decision {decision}" : $"applied since {selection.Since:u}";
}
