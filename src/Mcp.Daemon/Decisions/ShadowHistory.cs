using System.Collections.Concurrent;
using Mcp.Engine.Decisions;
using Mcp.Engine.Storage;

namespace Mcp.Daemon.Decisions;

/// <summary>
/// The changes shadow mode would have made, fed back to the engine as history for nodes in dry
/// run, so shadow decisions respect the same cooldowns, hysteresis and daily caps live mode would
/// (otherwise a channel would be "changed" again every round and the shadow trail would overstate
/// what live mode does). Kept in memory per node; after a restart each node's would-be changes are
/// read back once from its stored <c>dry_run</c> decision records (<c>plan: apply</c>).
/// Live nodes never see these entries: their history is what really reached the node.
/// </summary>
internal sealed class ShadowHistory(IDecisionStore decisions)
{
    private static readonly string[] FeeActions = [DecisionAction.IncreaseFee.ToWireName(), DecisionAction.DecreaseFee.ToWireName()];
    private static readonly string[] AllProposingActions = [.. FeeActions, DecisionAction.Rebalance.ToWireName()];

    private readonly ConcurrentDictionary<string, NodeEntries> _nodes = new(StringComparer.Ordinal);

    /// <summary>The node's would-be changes applied at or after <paramref name="since"/> (read from storage the first time).</summary>
    public async Task<IReadOnlyList<AppliedChange>> GetAsync(string nodeId, DateTimeOffset since, DateTimeOffset now, bool inboundEnabled, CancellationToken cancellationToken)
    {
        var node = _nodes.GetOrAdd(nodeId, _ => new NodeEntries());
        if (!node.Seeded)
        {
            var seeded = new List<AppliedChange>();
            foreach (var action in inboundEnabled ? AllProposingActions : FeeActions)
            {
                var records = await decisions.ListAsync(new DecisionQuery { NodeId = nodeId, Since = since, Until = now, Action = action }, cancellationToken);
                foreach (var record in records)
                {
                    if (record.Mode != DecisionMode.DryRun)
                    {
                        continue;
                    }

                    var view = StoredDecisionView.Parse(record.ExplanationUtf8);
                    if (view.IsPlannedApply && view.CurrentPolicy is { } before)
                    {
                        seeded.Add(new AppliedChange(record.ChannelId, record.EvaluatedAt, before, view.ProposedPolicy!));
                    }
                }
            }

            node.Seed(seeded);
        }

        return node.Since(since);
    }

    /// <summary>Adds this round's would-be changes and forgets those older than <paramref name="keepSince"/>.</summary>
    public void Add(string nodeId, IEnumerable<AppliedChange> changes, DateTimeOffset keepSince)
    {
        ArgumentNullException.ThrowIfNull(changes);
        _nodes.GetOrAdd(nodeId, _ => new NodeEntries()).Add(changes, keepSince);
    }

    /// <summary>Forgets a node (it went live: its shadow entries no longer apply).</summary>
    public void Forget(string nodeId) => _nodes.TryRemove(nodeId, out _);

    private sealed class NodeEntries
    {
        private readonly Lock _lock = new();
        private List<AppliedChange> _changes = [];

        public bool Seeded { get; private set; }

        public void Seed(List<AppliedChange> changes)
        {
            lock (_lock)
            {
                if (!Seeded)
                {
                    _changes.InsertRange(0, changes);
                    Seeded = true;
                }
            }
        }

        public AppliedChange[] Since(DateTimeOffset since)
        {
            lock (_lock)
            {
                return _changes.Where(c => c.AppliedAt >= since).ToArray();
            }
        }

        public void Add(IEnumerable<AppliedChange> changes, DateTimeOffset keepSince)
        {
            lock (_lock)
            {
                _changes = [.. _changes.Where(c => c.AppliedAt >= keepSince), .. changes];
                Seeded = true;
            }
        }
    }
}
