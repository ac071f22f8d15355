using Mcp.Engine.Observability;

namespace Mcp.Daemon.Decisions;

/// <summary>The decision loop's Prometheus families (names fixed by the operator interface).</summary>
internal sealed class DecisionLoopMetrics(MetricRegistry registry)
{
    /// <summary>Round durations from a second to an hour: rounds of a few nodes take seconds, a large fleet with spaced updates minutes.</summary>
    private static readonly IReadOnlyList<double> RoundBuckets = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    public Counter Decisions { get; } = registry.Counter(
        "mcp_decisions_total", "Decisions recorded, per node, action (none, increase_fee, decrease_fee, rebalance, close) and mode (dry_run, live).", "node", "action", "mode");

    public Counter FeeUpdates { get; } = registry.Counter(
        "mcp_fee_updates_total",
        "Policy updates attempted in live mode and by rollbacks, per node and result (applied, already_in_effect, conflict, failed, not_applied, unknown, not_sent).",
        "node", "result");

    public Histogram RoundDuration { get; } = registry.Histogram(
        "mcp_decision_loop_duration_seconds", "Wall time of one decision round over every node.", RoundBuckets);

    public Gauge LastSuccess { get; } = registry.Gauge(
        "mcp_decision_loop_last_success_timestamp_seconds", "Unix time of the node's last successful round (decisions recorded, updates settled).", "node");

    public Counter SnapshotErrors { get; } = registry.Counter(
        "mcp_node_snapshot_errors_total", "Rounds in which the node's snapshot could not be collected, per failure class.", "node", "reason");

    public Counter NodeRounds { get; } = registry.Counter(
        "mcp_decision_node_rounds_total",
        "Node rounds per result (success, snapshot_error, storage_error, lease_busy, lease_lost, recent, timeout, error).",
        "node", "result");
}
