using Mcp.Engine.Decisions;
using Mcp.Engine.Storage;

namespace Mcp.Daemon.Decisions;

/// <summary>
/// Reads the audit trail for <c>decisions list</c>: the recorded decisions of a window, each with
/// what became of it (shadow "would change", deferred, or the live change's lifecycle:
/// verified, failed with the node's reason, rolled back, ...), plus the rollbacks of the window.
/// </summary>
internal sealed class DecisionAuditTrail(IDecisionStore decisions, IPolicyChangeStore changes)
{
    public const string RollbackAction = "rollback";

    /// <param name="nodeId">One node, or null for all.</param>
    /// <param name="knownNodes">Nodes whose rollbacks to include when listing all nodes (the configured ones).</param>
    /// <param name="since">Start of the window.</param>
    /// <param name="until">End of the window (exclusive).</param>
    /// <param name="action">Only this action (wire name), <c>rollback</c> for the rollbacks only, or null.</param>
    /// <param name="limit">At most this many decisions (the oldest first); the listing says when more exist.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<AuditListing> ListAsync(
        string? nodeId,
        IReadOnlyCollection<string> knownNodes,
        DateTimeOffset since,
        DateTimeOffset until,
        string? action,
        int limit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knownNodes);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        IReadOnlyList<DecisionRecord> records = action == RollbackAction
            ? []
            : await decisions.ListAsync(new DecisionQuery { NodeId = nodeId, Since = since, Until = until, Action = action, Limit = limit + 1 }, cancellationToken);
        var truncated = records.Count > limit;
        if (truncated)
        {
            records = records.Take(limit).ToArray();
        }

        var nodes = nodeId is not null
            ? [nodeId]
            : records.Select(r => r.NodeId).Concat(knownNodes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var applyByDecision = new Dictionary<Guid, PolicyChangeRecord>();
        var entries = new List<AuditEntry>(records.Count);
        foreach (var node in nodes)
        {
            foreach (var change in await changes.ListChangesAsync(node, since, cancellationToken))
            {
                if (change.Kind == PolicyChangeKind.Apply && change.DecisionId is { } decisionId)
                {
                    applyByDecision[decisionId] = change;
                }
                else if (change.Kind == PolicyChangeKind.Rollback && change.CreatedAt < until && (action is null || action == RollbackAction))
                {
                    entries.Add(new AuditEntry
                    {
                        At = change.CreatedAt,
                        NodeId = change.NodeId,
                        ChannelId = change.ChannelId,
                        Status = StatusOf(change),
                        Change = change,
                    });
                }
            }
        }

        foreach (var record in records)
        {
            var view = StoredDecisionView.Parse(record.ExplanationUtf8);
            var change = applyByDecision.GetValueOrDefault(record.Id);
            entries.Add(new AuditEntry
            {
                At = record.EvaluatedAt,
                NodeId = record.NodeId,
                ChannelId = record.ChannelId,
                Status = StatusOf(record, view, change),
                Decision = record,
                View = view,
                Change = change,
            });
        }

        var ordered = entries
            .OrderBy(e => e.At)
            .ThenBy(e => e.NodeId, StringComparer.Ordinal)
            .ThenBy(e => e.ChannelId, StringComparer.Ordinal)
            .ThenBy(e => e.IsRollback ? 1 : 0)
            .ToArray();
        return new AuditListing(nodeId, since, until, ordered, truncated);
    }

    internal static string StatusOf(DecisionRecord record, StoredDecisionView view, PolicyChangeRecord? change)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(view);
        if (change is not null)
        {
            return StatusOf(change);
        }

        return view.Plan switch
        {
            "apply" when record.Mode == DecisionMode.DryRun => "would_change",
            "apply" => "not_sent",
            "deferred" => "deferred",
            _ when record.BlockedBy is not null => "blocked",
            _ when record.Action is "rebalance" or "close" => "recommendation",
            _ => "no_change",
        };
    }

    internal static string StatusOf(PolicyChangeRecord change) => change.Status switch
    {
        PolicyChangeStatus.Intent => "unfinished",
        PolicyChangeStatus.Applied => "applied",
        PolicyChangeStatus.Verified => "verified",
        PolicyChangeStatus.Failed => "failed",
        PolicyChangeStatus.RolledBack => "rolled_back",
        _ => change.Status.ToString().ToLowerInvariant(),
    };
}
