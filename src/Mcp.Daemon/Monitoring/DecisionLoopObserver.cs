using Mcp.Daemon.Hosting;
using Mcp.Engine.Alerts;
using Mcp.Engine.Configuration;
using Mcp.Engine.Nodes;
using Mcp.Engine.Observability;
using Mcp.Engine.Storage;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Monitoring;

/// <summary>
/// When each node's decision round last succeeded: the latest decision recorded in storage
/// (durable, shared by instances) or, when later, the loop's own
/// <c>mcp_decision_loop_last_success_timestamp_seconds{node}</c> (covers a round that recorded no
/// decision, e.g. a node without channels). The decision loop counts as present in this deployment
/// when it registered a heartbeat whose name contains "decision", exports <c>mcp_decision*</c>
/// metrics, or storage holds decisions of a managed node; until then the rule does not apply.
/// </summary>
internal sealed class DecisionLoopObserver(
    IDecisionStore store,
    IOptions<DecisionLoopOptions> options,
    IMonitoredNodes nodes,
    HeartbeatRegistry heartbeats,
    MetricRegistry registry,
    MonitorMetrics metrics)
{
    public const string LastSuccessMetric = "mcp_decision_loop_last_success_timestamp_seconds";

    private static readonly string[] PresenceMetrics = [LastSuccessMetric, "mcp_decisions_total", "mcp_decision_loop_duration_seconds"];

    public async Task<DecisionLoopObservation?> ObserveAsync(DateTimeOffset watchStart, IReadOnlyDictionary<string, CheckObservation> checks, CancellationToken cancellationToken)
    {
        var managed = nodes.Nodes;
        var ids = managed.Select(n => n.Id).ToArray();
        var stored = await store.GetLatestEvaluatedAtAsync(ids, cancellationToken);
        var reported = ReportedSuccesses();
        var present = stored.Count > 0
            || reported is not null
            || PresenceMetrics.Any(m => registry.Find(m) is not null)
            || heartbeats.Snapshot().Any(l => l.Loop.Contains("decision", StringComparison.OrdinalIgnoreCase));
        if (!present)
        {
            return null;
        }

        var rounds = new List<NodeRoundObservation>(ids.Length);
        foreach (var id in ids)
        {
            DateTimeOffset? last = stored.TryGetValue(id, out var fromStore) ? fromStore : null;
            if (reported is not null && reported.TryGetValue(id, out var fromMetric) && (last is null || fromMetric > last))
            {
                last = fromMetric;
            }

            if (last is { } l)
            {
                metrics.DecisionLastRound.WithLabels(id).Set(MonitorMetrics.Unix(l));
            }

            var probe = checks.GetValueOrDefault(NodeException.DependencyLabel(id));
            var failing = probe is { ConsecutiveFailures: > 0 };
            rounds.Add(new NodeRoundObservation(id, last, failing ? probe!.ErrorType : null, failing ? probe!.Error : null));
        }

        return new DecisionLoopObservation(options.Value.Interval, watchStart, rounds);
    }

    /// <summary>The decision loop's own last-success gauge per node, when it exports one (read without creating children).</summary>
    private Dictionary<string, DateTimeOffset>? ReportedSuccesses()
    {
        if (registry.Find(LastSuccessMetric) is not Gauge { LabelNames: ["node"] } gauge)
        {
            return null;
        }

        var values = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (labels, child) in gauge.Children)
        {
            if (child is GaugeChild { Value: > 0 and var seconds } && double.IsFinite(seconds))
            {
                values[labels[0]] = DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
            }
        }

        return values;
    }
}
