namespace Mcp.Engine.Alerts;

/// <summary>The decision loop as the rules see it (when the loop runs in this deployment).</summary>
/// <param name="Interval">MCP_DECISION_INTERVAL.</param>
/// <param name="WatchStart">When this daemon started watching: rounds are not expected before it plus the stale limit.</param>
internal sealed record DecisionLoopObservation(TimeSpan Interval, DateTimeOffset WatchStart, IReadOnlyList<NodeRoundObservation> Nodes);
